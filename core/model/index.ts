export * from './audit';
export * from './child';
export * from './meeting';
export * from './messaging';
export * from './participation';
export * from './person';
export * from './promises';
export * from './team';
