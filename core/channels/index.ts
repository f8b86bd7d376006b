export * from './channel-mapping';
export * from './ports';
export * from './use-channel';
