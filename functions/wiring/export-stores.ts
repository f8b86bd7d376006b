import type { AppendBlobAuditTrail } from '../../adapters/audit';
import type { EvidenceDeps, SubjectAccessDeps } from '../../core/evidence';
import type { Meeting } from '../../core/model';
import { isStale, scheduleFor, type VoiceRecord } from '../../core/voice';
import type { Services } from './services-types';

/** The stores the evidence, subject-access and audit exports read, from the app's stores. */
export function exportStores(
  s: Pick<Services, 'audit' | 'auditReader' | 'children' | 'meetings' | 'voiceTables' | 'examples' | 'trackerItems' | 'caseAudits'> & Partial<Pick<Services, 'voice' | 'calendar'>>,
): EvidenceDeps & SubjectAccessDeps & { reader: AppendBlobAuditTrail } {
  const { voice, calendar } = s;
  return {
    // When views were due, for meetings with none recorded (the schedule as it stands today).
    ...(voice && calendar ? { voiceByOf: (m: Meeting) => scheduleFor(m, voice.settings, calendar).voiceBy } : {}),
    // Views too old for the meeting, as the nudges and the digests read them.
    ...(voice ? { isStale: (r: VoiceRecord, m: Meeting) => isStale(r, m, voice.settings) } : {}),
    audit: s.audit,
    children: s.children,
    meetings: s.meetings,
    voice: s.voiceTables.voice,
    after: s.voiceTables.after,
    chairRecords: s.voiceTables.chairRecords,
    nudges: s.voiceTables.nudges,
    examples: s.examples,
    items: s.trackerItems,
    caseAudits: s.caseAudits,
    exits: s.voiceTables.exits,
    reader: s.auditReader, // the immutable record of truth, not the table index
  };
}
