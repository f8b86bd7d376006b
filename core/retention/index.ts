export type { Purger } from './ports';
export { purgeExpired, type PurgeDeps, type PurgeResult } from './purge';
export { cutoffs, RECORD_TYPES, RetentionSettingsSchema, type RecordType, type RetentionInput, type RetentionSettings } from './settings';
