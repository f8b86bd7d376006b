// Every Table store of the app, built here once from one list of tables (names.ts). The composition root
// (functions/wiring) calls buildStores() and hands each feature the stores it uses; nothing else builds one.
import { auditTrailOf, type AppendBlobAuditTrail } from '../audit/append-blob-trail';
import { TableAuditLog } from './audit-log';
import { TableCaseAuditStore } from './case-audit-store';
import { TableChannelMappingStore } from './channel-mapping-store';
import { TableChildStore } from './child-store';
import { tableClient, type TablesConfig } from './client';
import { TableConversationStore } from './conversation-store';
import { lazyClient } from './entity';
import { TableExampleStore } from './example-store';
import { TableExitStore } from './exit-store';
import { TableForumOutcomeStore, TableForumStore } from './forum-stores';
import { IMPORT_QUEUE, ImportJobs, queueClient } from './import-jobs';
import { TableMeetingStore } from './meeting-store';
import { TABLES, type TableName } from './names';
import { TableNudgeStateStore } from './nudge-state';
import { TableActivityStore, TableSurveyStore } from './participation-store';
import { TablePersonStore } from './person-store';
import { TablePromiseAuditStore } from './promise-audit-store';
import { TableTeamStore } from './team-store';
import { TableTrackerStore } from './tracker-store';
import { TableCoverStore } from './voice-cover';
import { TableAfterMeetingStore, TableChairRecordStore, TableMeetingVoiceReader, TableVoiceRecordStore } from './voice-records';

/** The voice feature's stores, all partitions of the one Voice table (docs/storage.md). */
export interface VoiceTables {
  voice: TableVoiceRecordStore;
  after: TableAfterMeetingStore;
  chairRecords: TableChairRecordStore;
  covers: TableCoverStore;
  nudges: TableNudgeStateStore;
  state: TableMeetingVoiceReader;
  /** Exit conversations asked and answered, a partition a month (core/exits). */
  exits: TableExitStore;
}

export interface TableStores {
  children: TableChildStore;
  people: TablePersonStore;
  teams: TableTeamStore;
  meetings: TableMeetingStore;
  audit: TableAuditLog;
  /** Reads the audit trail's record of truth, the append blobs (the admin view and the audit export). */
  auditReader: AppendBlobAuditTrail;
  importJobs: ImportJobs;
  surveys: TableSurveyStore;
  activities: TableActivityStore;
  conversations: TableConversationStore;
  voiceTables: VoiceTables;
  examples: TableExampleStore;
  trackerItems: TableTrackerStore;
  forums: TableForumStore;
  forumOutcomes: TableForumOutcomeStore;
  channelMappings: TableChannelMappingStore;
  /** The CICC's termly audit of the council's promises (docs/digests.md). */
  promiseAudits: TablePromiseAuditStore;
  /** Case-file audits of the child's voice, a partition a month (docs/audits.md). */
  caseAudits: TableCaseAuditStore;
}

/**
 * Every store on Table Storage; a table is created on its first use, so building them all costs no request.
 * The outbox and its call budget are the outbox's own (adapters/outbox createOutbox).
 */
export function buildStores(config: TablesConfig): TableStores {
  const client = (name: TableName) => lazyClient(() => tableClient(config, name));
  const voice = client(TABLES.voice);
  return {
    children: new TableChildStore(client(TABLES.children)),
    people: new TablePersonStore(client(TABLES.people)),
    teams: new TableTeamStore(client(TABLES.teams)),
    meetings: new TableMeetingStore(client(TABLES.meetings)),
    // The immutable append blobs are the record of truth; the table is the per-record index (docs/data-protection.md).
    audit: new TableAuditLog(client(TABLES.audit), { trail: auditTrailOf(config) }),
    auditReader: auditTrailOf(config),
    surveys: new TableSurveyStore(client(TABLES.participation)),
    activities: new TableActivityStore(client(TABLES.participation)),
    importJobs: new ImportJobs(client(TABLES.importJobs), client(TABLES.importBodies), queueClient(config, IMPORT_QUEUE)),
    conversations: new TableConversationStore(config),
    voiceTables: {
      voice: new TableVoiceRecordStore(voice),
      after: new TableAfterMeetingStore(voice),
      chairRecords: new TableChairRecordStore(voice),
      covers: new TableCoverStore(voice),
      nudges: new TableNudgeStateStore(voice),
      exits: new TableExitStore(voice),
      state: new TableMeetingVoiceReader(voice),
    },
    examples: new TableExampleStore(client(TABLES.examples)),
    trackerItems: new TableTrackerStore(client(TABLES.trackerItems)),
    forums: new TableForumStore(client(TABLES.forums)),
    forumOutcomes: new TableForumOutcomeStore(client(TABLES.forumOutcomes)),
    channelMappings: new TableChannelMappingStore(client(TABLES.channelMappings)),
    promiseAudits: new TablePromiseAuditStore(client(TABLES.promiseAudits)),
    caseAudits: new TableCaseAuditStore(client(TABLES.caseAudits)),
  };
}

/** The name buildStores had before it built every store; tests and scripts written then still call it. */
export const createTableStores = buildStores;
