// Every table the app uses, by name before the environment prefix (TABLE_PREFIX). Here alone, apart from the
// stores, so the wiring, retention, export, backup and scripts all read one list and nothing imports a store
// to learn a name. A new table is added here first.

/** Table names (before the environment prefix). */
export const TABLES = {
  children: 'Children',
  people: 'People',
  teams: 'Teams',
  meetings: 'Meetings',
  /** Voice records, after-meeting answers, nudge state and cover, by partition (adapters/tables/voice-records.ts). */
  voice: 'Voice',
  conversations: 'Conversations',
  outbox: 'Outbox',
  /** The app's Teams call budget, shared by every instance's sender under one row's ETag (adapters/outbox/app-budget.ts). */
  outboxBudget: 'OutboxBudget',
  /** The per-record index of the audit trail; the record of truth is the append blobs (adapters/audit). */
  audit: 'Audit',
  importJobs: 'ImportJobs',
  importBodies: 'ImportBodies',
  examples: 'Examples',
  trackerItems: 'TrackerItems',
  forums: 'Forums',
  forumOutcomes: 'ForumOutcomes',
  channelMappings: 'ChannelMappings',
  promiseAudits: 'PromiseAudits',
  /** Surveys' aggregate results and group participation activities (docs/surveys-and-activities.md). */
  participation: 'SurveysActivities',
  /** Case-file audits of the child's voice, by the month sampled (docs/audits.md). */
  caseAudits: 'CaseAudits',
} as const;

export type TableName = (typeof TABLES)[keyof typeof TABLES];
