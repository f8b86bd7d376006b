import type { Versioned } from '../ports';
import type { CaseAudit } from './case-audit';

/** Where case-file audits live, by the month they were sampled for. */
export interface CaseAuditStore {
  /** Adds the audit unless one is on file for the same month, team and child; false when it was. */
  create(audit: CaseAudit): Promise<boolean>;
  get(key: Pick<CaseAudit, 'month' | 'teamId' | 'childRef'>): Promise<Versioned<CaseAudit> | undefined>;
  /** Replaces under the ETag read (a CONFLICT DomainError when someone wrote first). */
  update(audit: CaseAudit, etag: string): Promise<void>;
  /** Every audit sampled for these months (YYYY-MM). */
  listMonths(months: readonly string[]): Promise<CaseAudit[]>;
  /** Every audit of one child's case file, any month (a subject access request: rare, reads the table). */
  listForChild(childRef: string): Promise<CaseAudit[]>;
}
