// The senior digest: its facts, view and send (core/digests/index.ts re-exports this).
export * from './annual-report-html';
export * from './report-period';
export * from './send-senior';
export * from './senior-view';
export * from './senior';
