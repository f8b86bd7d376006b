export * from './suppress';
export * from './scan-payload';
