import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.base';

export default defineConfig(libraryConfig({ index: 'src/index.ts', openapi: 'src/openapi.ts', sync: 'src/sync.ts' }));
