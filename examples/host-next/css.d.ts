// TypeScript 6 checks side-effect imports, and Next.js 15 declares no type for a plain
// `.css` import: this lets `import '@session-links/react/styles.css'` type-check.
declare module '*.css';
