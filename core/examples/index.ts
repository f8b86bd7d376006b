export * from './example';
export * from './ports';
export * from './share';
export * from './queries';
export * from './feature';
