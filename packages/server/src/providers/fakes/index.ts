/** Node-only entry: the fake Zoom (a `node:http` server). Keep it out of the browser-safe index. */
export * from './zoom-server';
