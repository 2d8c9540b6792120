// Writes the OpenAPI 3.1 document of the session-links API, generated from the same
// schemas the client validates with, to packages/client/dist/openapi.json (or argv[2]).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOpenApiDocument } from '@session-links/client/openapi';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? `${root}/packages/client/dist/openapi.json`);
const version = (await import('../packages/client/package.json', { with: { type: 'json' } })).default.version;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(createOpenApiDocument({ version }), null, 2)}\n`);
console.log(`OpenAPI document written to ${out}`);
