export { csvCell, toCsv } from './csv';
export { AUDIT_COLUMNS, exportAudit, parsePeriod, periodInstants, PeriodSchema, type AuditExportDeps, type Period } from './export';
export type { AuditReader } from './ports';
