/// <reference types="vitest/config" />
import { zoomConsentPage } from '@session-links/mocks/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig(({ command }) => ({
  // The fake Zoom consent page of the mocks, for `vite dev` only: in production Zoom's own page opens.
  plugins: [react(), command === 'serve' && zoomConsentPage()],
  // No setup file: each test file carries what it needs, as the docs' snippets do.
  test: { environment: 'jsdom' },
}));
