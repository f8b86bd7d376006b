export * from './forum';
export * from './outcome';
export * from './ports';
export * from './recurrence';
export * from './manage-forums';
export * from './reminders';
export * from './record-outcome';
export * from './board-rhythm';
