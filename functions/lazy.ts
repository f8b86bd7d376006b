// Every function file is loaded when the app starts, and the app is not ready to serve until all of them
// have registered; so they import this module rather than wiring/services.ts, which pulls in the storage,
// identity and Graph SDKs. Those load on the first call that needs them (docs/performance.md, cold start).
import type { Services } from './wiring/services';

/** The composition root, loaded (and built, once per process) on first use. */
export const loadServices = async (): Promise<Services> => (await import('./wiring/services')).getServices();
