import { openPgliteStore } from '../src/store/sql';
import { hostileSuite } from './hostile';

// One PGlite for the file: the suite seeds it once and every request is refused.
hostileSuite('PGlite', () => openPgliteStore({ dataDir: 'memory://' }));
