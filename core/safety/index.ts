export * from './suppress';
export * from './scan-payload';
export * from './channel-post';
