export * from './client';
export * from './graph-directory';
export * from './token';
export * from './create-directory';
export * from './reach-person';
