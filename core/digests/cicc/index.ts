// The cicc digest: its facts, view and send (core/digests/index.ts re-exports this).
export * from './cicc-gate';
export * from './cicc-printable';
export * from './cicc-view';
export * from './cicc';
export * from './record-audit';
export * from './send-cicc';
