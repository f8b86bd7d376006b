export * from './columns';
export * from './reasons';
export * from './result';
export * from './rows';
export { DEFAULT_DELETE_THRESHOLD, runImport, type DeleteThreshold, type ImportRequest, type IntakeDeps, type UpsertStore } from './run-import';
