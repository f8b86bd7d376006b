export * from './columns';
export * from './reasons';
export * from './result';
export * from './rows';
export { runImport, type ImportRequest, type IntakeDeps, type UpsertStore } from './run-import';
