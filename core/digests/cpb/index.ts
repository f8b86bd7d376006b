// The cpb digest: its facts, view and send (core/digests/index.ts re-exports this).
export * from './cpb-view';
export * from './cpb';
export * from './send-cpb';
