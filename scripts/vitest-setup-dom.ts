import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// Wait for what the user sees, however busy the machine: Testing Library's `findBy…` and
// `waitFor` give up after 1 s by default. They still return as soon as the UI is there.
configure({ asyncUtilTimeout: 10_000 });
vi.setConfig({ testTimeout: 30_000 });

afterEach(() => cleanup());
