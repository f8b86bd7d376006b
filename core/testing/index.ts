// In-memory fakes of core's ports for unit tests and the bench (behaviour, not mocks), all named InMemory*.
// Nothing in production imports this folder.
export * from './outbox';
export * from './audit';
export * from './voice';
export * from './tracker';
export * from './tracker-world';
export * from './forums';
export * from './examples';
export * from './digest-facts';
export * from './voice-fixtures';
export * from './forum-people';
