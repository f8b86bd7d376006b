import { tableClient } from '../adapters/tables/client';
import { lazyClient } from '../adapters/tables/entity';
import { auditTrailOf, type AppendBlobAuditTrail } from '../adapters/audit';
import { TableExampleStore } from '../adapters/tables/example-store';
import { TableNudgeStateStore } from '../adapters/tables/nudge-state';
import { TableTrackerStore } from '../adapters/tables/tracker-store';
import { TableAfterMeetingStore, TableChairRecordStore, TableVoiceRecordStore } from '../adapters/tables/voice-records';
import type { EvidenceDeps, SubjectAccessDeps } from '../core/evidence';
import type { Meeting } from '../core/model';
import { scheduleFor } from '../core/voice';
import { tablesConfigOf } from './storage-config';
import type { Services } from './services-types';
import { TABLES } from '../adapters/tables/names';

/** The stores the evidence, subject-access and audit exports read, on the app's tables. */
export function exportStores(s: Pick<Services, 'config' | 'audit' | 'children' | 'meetings'> & Partial<Pick<Services, 'voice' | 'calendar'>>): EvidenceDeps & SubjectAccessDeps & { reader: AppendBlobAuditTrail } {
  const tables = tablesConfigOf(s.config);
  const client = (name: string) => lazyClient(() => tableClient(tables, name));
  const voiceTable = client(TABLES.voice);
  const { voice, calendar } = s;
  return {
    // When views were due, for meetings with none recorded (the schedule as it stands today).
    ...(voice && calendar ? { voiceByOf: (m: Meeting) => scheduleFor(m, voice.settings, calendar).voiceBy } : {}),
    audit: s.audit,
    children: s.children,
    meetings: s.meetings,
    voice: new TableVoiceRecordStore(voiceTable),
    after: new TableAfterMeetingStore(voiceTable),
    chairRecords: new TableChairRecordStore(voiceTable),
    nudges: new TableNudgeStateStore(voiceTable),
    examples: new TableExampleStore(client(TABLES.examples)),
    items: new TableTrackerStore(client(TABLES.trackerItems)),
    reader: auditTrailOf(tables), // the immutable record of truth, not the table index
  };
}
