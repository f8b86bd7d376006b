export * from './client';
export * from './graph-directory';
export * from './auth';
export * from './create-directory';
export * from './reach-person';
