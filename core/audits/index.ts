export * from './case-audit';
export * from './ports';
export * from './sample';
export * from './timing';
export * from './run-audits';
export * from './grade';
export * from './summary';
export * from './feature';
