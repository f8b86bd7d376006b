import type { AuditEntry } from '../model/audit';

/** Reads the audit trail by time, across every record (the export); never writes. */
export interface AuditReader {
  /** Entries written in [from, to), oldest first. */
  listBetween(from: Date, to: Date): Promise<AuditEntry[]>;
}
