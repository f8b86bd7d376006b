/** Deletes one kind of record dated before `cutoff`; returns how many rows it deleted, per table. */
export type Purger = (cutoff: Date) => Promise<Record<string, number>>;
