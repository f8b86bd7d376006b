export { TableAuditLog } from './audit-log';
export { TableChildStore } from './child-store';
export { tableClient, type TablesConfig } from './client';
export { TableMeetingStore } from './meeting-store';
export { TablePersonStore } from './person-store';
export { TableTeamStore } from './team-store';
export { ImportJobs, IMPORT_QUEUE } from './import-jobs';
export { TABLES, type TableName } from './names';
export { TableActivityStore, TableSurveyStore } from './participation-store';

export { buildStores, createTableStores, type TableStores, type VoiceTables } from './stores';
