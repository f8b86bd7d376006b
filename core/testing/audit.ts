import type { AuditEntry } from '../model/audit';
import type { AuditLog } from '../ports';

/** The audit trail, kept in memory. */
export class InMemoryAudit implements AuditLog {
  readonly entries: AuditEntry[] = [];
  append = async (e: Omit<AuditEntry, 'id' | 'at'> & { at?: string }) => {
    this.entries.push({ ...e, id: `a${this.entries.length + 1}`, at: e.at ?? new Date().toISOString(), detail: e.detail ?? {} });
  };
  listForRecord = async (type: string, id: string) => this.entries.filter((e) => e.recordType === type && e.recordId === id);
}
