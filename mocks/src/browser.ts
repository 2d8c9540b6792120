import { setupWorker } from 'msw/browser';
import { createMockBackend, type MockBackendOptions } from './backend';
import { createHandlers, type HandlerOptions } from './handlers';
import type { ScenarioName } from './scenarios';

/** A backend and an MSW worker for a page (a host app's dev mode, an example app). */
export function setupMockWorker(name: ScenarioName = 'zoom-default', options: MockBackendOptions & HandlerOptions = {}) {
  const backend = createMockBackend(name, options);
  const worker = setupWorker(...createHandlers(backend, options));
  return { backend, worker };
}
