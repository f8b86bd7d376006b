export * from './ports';
export * from './role-cache';
export * from './role-groups';
