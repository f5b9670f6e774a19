/**
 * Opens the services on one SQLite file: the store, the event log, the runtime and its
 * scheduler, and the bridge API over them. Every face (Electron main, `npm run serve`,
 * tests) starts here.
 */
import type { Services, ServicesOptions } from './services-types';

export function openServices(_options: ServicesOptions): Services {
  throw new Error('openServices: the runtime is landing (issue 2)');
}
