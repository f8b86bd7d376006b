export * from './survey';
export * from './ports';
export * from './read-results';
export * from './import-survey';
export * from './compare';
export * from './feature';
