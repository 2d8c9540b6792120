import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.base';

// `.` runs anywhere (Node, edge runtimes, a browser for the mocks); `./node` adapts it to Node's http.
export default defineConfig(libraryConfig({ index: 'src/index.ts', node: 'src/node.ts' }, { external: [/^node:/] }));
