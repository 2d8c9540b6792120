// Server-safe: no "use client", no React component or hook. A Next.js App Router server
// component imports this entry (`@session-links/react/query`) to prefetch with the same
// keys and query functions the widgets use, then hydrates with `HydrationBoundary`.
export * from './mutations';
export * from './queries';
