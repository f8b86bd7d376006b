export * from './ports';
export * from './role-cache';
