// Case-file audits of the child's voice (docs/audits.md): the store from buildStores, the auditor's card
// feature and the monthly timer's run, from the few settings they read.
import type { TableStores } from '../../adapters/tables';
import { caseAuditCard } from '../../cards/audits-cards';
import { defaultCaseAuditSettings, runCaseAudits, type CaseAuditFeature, type CaseAuditRunResult, type CaseAuditStore } from '../../core/audits';
import type { WorkingCalendar } from '../../core/calendar';
import type { Clock } from '../../core/clock';
import { findPii } from '../../core/pii';
import type { AuditLog, ChildStore, Outbox, PersonStore, TeamStore } from '../../core/ports';
import type { Config } from '../config';
import { piiGuardOptions } from '../pii-settings';
import { promisesFrom, type PiiConfig } from './participation';

/** The settings the audits read. */
export type CaseAuditConfig = PiiConfig & Pick<Config, 'CASE_RECORD_URL' | 'AUDIT_SAMPLE_PER_TEAM' | 'NUDGE_SCAN_ANY_TIME'>;

export interface CaseAuditInputs extends Pick<TableStores, 'caseAudits'> {
  config: CaseAuditConfig;
  children: Pick<ChildStore, 'listByTeam'>;
  teams: Pick<TeamStore, 'list'>;
  people: Pick<PersonStore, 'get' | 'list'>;
  outbox: Outbox;
  audit: AuditLog;
  clock: Clock;
  calendar: WorkingCalendar;
}

export interface CaseAuditServices {
  store: CaseAuditStore;
  feature: CaseAuditFeature;
  /** One run of the monthly audit timer (docs/audits.md). */
  run(log?: (message: string) => void): Promise<CaseAuditRunResult>;
}

/** The case-file audits on Table Storage: the store, the auditor's card feature and the timer's run. */
export function buildCaseAudits(s: CaseAuditInputs): CaseAuditServices {
  const store = s.caseAudits;
  const guard = piiGuardOptions(s.config, { clock: s.clock, promises: promisesFrom(s.config) });
  const caseRecordUrl = (ref: string) => s.config.CASE_RECORD_URL.replace('{ref}', encodeURIComponent(ref));
  const settings = { ...defaultCaseAuditSettings, samplePerTeam: s.config.AUDIT_SAMPLE_PER_TEAM };
  return {
    store,
    feature: { audits: store, audit: s.audit, clock: s.clock, people: s.people, pii: (text) => findPii(text, guard), caseRecordUrl },
    run: (log) =>
      runCaseAudits({
        ...s,
        audits: store,
        settings,
        // The local demo's flag for the timers that act at a London hour (the nudge scan's, too).
        anyTime: s.config.NUDGE_SCAN_ANY_TIME,
        card: (audit, kind) => caseAuditCard({ audit, kind, caseRecordUrl: caseRecordUrl(audit.childRef) }),
        ...(log ? { log } : {}),
      }),
  };
}
