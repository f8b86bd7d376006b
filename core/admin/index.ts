export { deleteChannelPost, resolveParked } from './actions';
export { adminOverview, bankHolidayStatus, BLOCKED_REASON, UNDELIVERED_REASONS, type AdminDeps, type AdminOverview } from './overview';
export { listPausedMeetings, pauseMeetingNudges, resumeMeetingNudges, type PauseDeps } from './pause';
export type { AdminOutbox, DeletePost, OutboxView } from './ports';
export type { AdminFeature } from './feature';
export { resolveHeldImport, type HeldImportDeps, type HeldImports } from './imports';
export { cardSafeReason, failedImport, ImportProblemSchema, PROBLEMS_SHOWN, refusedImport, rejectedImport, type ImportProblem, type ImportProblemLog } from './import-problems';
export { lastImportLines, LastAppliedSchema, LATE_AFTER_HOURS, NIGHTLY_KINDS, type LastApplied, type LastImportLine } from './last-imports';
