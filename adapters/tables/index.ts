import { auditTrailOf } from '../audit/append-blob-trail';
import { TableAuditLog } from './audit-log';
import { TableChildStore } from './child-store';
import { tableClient, type TablesConfig } from './client';
import { lazyClient } from './entity';
import { TableMeetingStore } from './meeting-store';
import { TablePersonStore } from './person-store';
import { TableTeamStore } from './team-store';
import { IMPORT_QUEUE, ImportJobs, queueClient } from './import-jobs';
import { TABLES } from './names';
import { TableActivityStore, TableSurveyStore } from './participation-store';

export { TableAuditLog } from './audit-log';
export { TableChildStore } from './child-store';
export { tableClient, type TablesConfig } from './client';
export { TableMeetingStore } from './meeting-store';
export { TablePersonStore } from './person-store';
export { TableTeamStore } from './team-store';
export { ImportJobs, IMPORT_QUEUE } from './import-jobs';
export { TABLES, type TableName } from './names';
export { TableActivityStore, TableSurveyStore } from './participation-store';


export interface TableStores {
  children: TableChildStore;
  people: TablePersonStore;
  teams: TableTeamStore;
  meetings: TableMeetingStore;
  audit: TableAuditLog;
  importJobs: ImportJobs;
  surveys: TableSurveyStore;
  activities: TableActivityStore;
}

/** Every core store on Table Storage; each table is created on its first use. */
export function createTableStores(config: TablesConfig): TableStores {
  const client = (name: string) => lazyClient(() => tableClient(config, name));
  return {
    children: new TableChildStore(client(TABLES.children)),
    people: new TablePersonStore(client(TABLES.people)),
    teams: new TableTeamStore(client(TABLES.teams)),
    meetings: new TableMeetingStore(client(TABLES.meetings)),
    // The immutable append blobs are the record of truth; the table is the per-record index (docs/data-protection.md).
    audit: new TableAuditLog(client(TABLES.audit), { trail: auditTrailOf(config) }),
    surveys: new TableSurveyStore(client(TABLES.participation)),
    activities: new TableActivityStore(client(TABLES.participation)),
    importJobs: new ImportJobs(
      client(TABLES.importJobs),
      client(TABLES.importBodies),
      queueClient(config, IMPORT_QUEUE),
    ),
  };
}
