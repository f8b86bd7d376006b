import type { RecordExitDeps } from './record-exit';

/** What the bot's exit conversation card needs (functions/services.ts builds it). */
export type ExitFeature = RecordExitDeps;
