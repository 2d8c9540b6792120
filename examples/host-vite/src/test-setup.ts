import { configure } from '@testing-library/react';

// The host's own test settings, not the README snippet's: on a busy CI machine (a `next build`
// runs beside these tests) the first render over the mocks can take longer than Testing
// Library's 1 s default for `findBy…`; it timed out once that way.
configure({ asyncUtilTimeout: 5000 });
