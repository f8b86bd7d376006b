// The weekly digest: its facts, view and send (core/digests/index.ts re-exports this).
export * from './send-weekly';
export * from './weekly-view';
export * from './weekly';
