import type { ReactNode } from 'react';
import '@session-links/react/styles.css';

export const metadata = { title: 'Studio settings (session-links in Next.js)' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
