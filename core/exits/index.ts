export * from './exit';
export * from './ports';
export * from './view';
export * from './ask';
export * from './record-exit';
export * from './feature';
