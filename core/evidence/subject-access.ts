import { CaseRefSchema } from '../model/child';
import { DomainError } from '../errors';
import type { AuditEntry } from '../model/audit';
import type { Person } from '../model/person';
import type { AuditLog, ChildStore, MeetingStore } from '../ports';
import { requireAllowed } from '../roles/authorise';
import { caseAuditId, type CaseAuditStore } from '../audits';
import type { ExitStore } from '../exits/ports';
import type { AfterMeetingStore, ChairRecordStore, NudgeStateStore, VoiceRecordStore } from '../voice/ports';

export interface SubjectAccessDeps {
  children: Pick<ChildStore, 'get'>;
  meetings: Pick<MeetingStore, 'listForChild'>;
  voice: Pick<VoiceRecordStore, 'getMany'>;
  after?: Pick<AfterMeetingStore, 'getMany'>;
  /** How the child took part, recorded after the meeting by the chair (or the worker, `pnBy: 'worker'`). */
  chairRecords?: Pick<ChairRecordStore, 'getMany'>;
  nudges: Pick<NudgeStateStore, 'listForMeetings'>;
  /** Case-file audits of the child's voice (docs/audits.md). */
  caseAudits?: Pick<CaseAuditStore, 'listForChild'>;
  /** Exit conversations asked and answered when the child's care or pathway support ended (core/exits). */
  exits?: Pick<ExitStore, 'forChild'>;
  audit: AuditLog;
}

/**
 * Everything the bot holds about one case reference, for a subject access request: the child record,
 * their meetings, each meeting's voice record, after-meeting answers, the chair's record and nudge history, and every audit
 * entry about the child or those meetings. Audited (the request itself is then part of the trail).
 */
export async function subjectAccess(deps: SubjectAccessDeps, req: { actor: Pick<Person, 'id' | 'roles'> | undefined; ref: string; at: Date }) {
  await requireAllowed(req.actor, 'export.sar', { label: req.ref, recordType: 'child' }, { audit: deps.audit });
  const ref = CaseRefSchema.safeParse(req.ref);
  if (!ref.success) throw new DomainError('INVALID', 'That is not a case reference.', { ref: ref.error.issues.map((i) => i.message) });
  const child = (await deps.children.get(ref.data))?.value;
  const meetings = await deps.meetings.listForChild(ref.data);
  const aboutChild = await deps.audit.listForRecord('child', ref.data);
  const caseAudits = (await deps.caseAudits?.listForChild(ref.data)) ?? [];
  // After the purge has deleted a closed case, the audit trail still names it (for its 7 years): that is held too.
  if (!child && meetings.length === 0 && aboutChild.length === 0 && caseAudits.length === 0) throw new DomainError('NOT_FOUND', `Nothing is held about ${ref.data}.`);
  const ids = meetings.map((m) => m.id);
  const [voice, after, chairs, nudges, exits] = await Promise.all([deps.voice.getMany(ids), deps.after?.getMany(ids), deps.chairRecords?.getMany(ids), deps.nudges.listForMeetings(ids), deps.exits?.forChild(ref.data)]);
  const audit: AuditEntry[] = [
    ...aboutChild,
    ...(await Promise.all(ids.map((id) => deps.audit.listForRecord('meeting', id)))).flat(),
    ...(await Promise.all(caseAudits.map((a) => deps.audit.listForRecord('case-audit', caseAuditId(a))))).flat(),
  ].sort((a, b) => a.at.localeCompare(b.at));
  await deps.audit.append({ actorId: req.actor!.id, action: 'sar.exported', recordType: 'child', recordId: ref.data, detail: { meetings: ids.length, caseAudits: caseAudits.length, auditEntries: audit.length } });
  return {
    caseRef: ref.data,
    generatedAt: req.at.toISOString(),
    note: 'Golden Thread holds metadata about how the child\'s views were gathered, not their words: the case record is the primary source.',
    child: child ?? null,
    meetings: meetings.map((m) => ({ meeting: m, voiceRecord: voice.get(m.id) ?? null, afterMeeting: after?.get(m.id) ?? null, chairRecord: chairs?.get(m.id) ?? null, nudges: nudges.get(m.id) ?? [] })),
    caseAudits,
    exitConversations: exits ?? [],
    audit,
  };
}
