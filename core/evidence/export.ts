import { z } from 'zod';
import { DateTime } from 'luxon';
import { LONDON, londonDate } from '../calendar/working-days';
import { parsePeriod, periodInstants, toCsv, type Period } from '../audit';
import { DomainError } from '../errors';
import type { ExampleStore } from '../examples/ports';
import type { Person } from '../model/person';
import type { Meeting } from '../model/meeting';
import type { AuditLog, ChildStore, MeetingStore } from '../ports';
import { requireAllowed } from '../roles/authorise';
import type { TrackerStore } from '../tracker/ports';
import { mapLimit } from '../util';
import type { ChairRecordStore, VoiceRecordStore } from '../voice/ports';
import type { VoiceRecord } from '../voice/voice-record';

export const EvidenceKindSchema = z.enum(['voice', 'examples', 'tracker'], { error: 'kind is voice, examples or tracker.' });
export type EvidenceKind = z.infer<typeof EvidenceKindSchema>;

export interface EvidenceDeps {
  meetings: Pick<MeetingStore, 'listStartingBetween'>;
  /** The meeting's voice-by date under the current schedule, for rows without a record (when views were due). */
  voiceByOf?(meeting: Meeting): string;
  children: Pick<ChildStore, 'listByTeam'> & {
    /** Several children by reference (absent ones missing from the map), for each row's team. */
    getMany?(refs: readonly string[]): Promise<Map<string, { teamId: string }>>;
  };
  voice: Pick<VoiceRecordStore, 'getMany'>;
  /** Views gathered too long before the meeting (it moved later) no longer count: the row says "stale", as the digests read it. */
  isStale?(record: VoiceRecord, meeting: Meeting): boolean;
  /** How each child took part, recorded after the meeting by the chair (or, without one, the worker). */
  chairRecords?: Pick<ChairRecordStore, 'getMany'>;
  examples: Pick<ExampleStore, 'listRecordedBetween'>;
  items: Pick<TrackerStore, 'listRaisedBetween'>;
  audit: AuditLog;
}

export interface EvidenceRequest {
  actor: Pick<Person, 'id' | 'roles'> | undefined;
  kind: unknown;
  period: unknown;
  /** One team's evidence; undefined: the whole service. */
  teamId?: string;
  via: string;
}

export const EVIDENCE_COLUMNS = {
  voice: ['meetingId', 'childRef', 'teamId', 'meetingType', 'meetingDate', 'voiceBy', 'status', 'pnCode', 'pnBy', 'methods', 'declined', 'gatheredOn', 'gatheredBy', 'prepared', 'attendance', 'advocacyOffered', 'sharedWith', 'recordedAt'],
  examples: ['id', 'recordedOn', 'teamId', 'title', 'happenedOn', 'whatHappened', 'promiseIds', 'mode', 'lundy', 'scope', 'youSaid', 'weDid', 'shareable', 'status'],
  tracker: ['id', 'raisedOn', 'teamId', 'youSaid', 'saidBy', 'dueDate', 'status', 'outcome', 'whatChanged', 'feedbackGivenOn', 'feedbackHow', 'closedOn'],
} as const;

const dayAfter = (date: string): string => DateTime.fromISO(date, { zone: LONDON }).plus({ days: 1 }).toISODate() as string;
const list = (v: readonly string[] | undefined) => (v ?? []).join('; ');

async function voiceRows(deps: EvidenceDeps, p: Period, teamId?: string) {
  const { from, to } = periodInstants(p);
  const meetings = await deps.meetings.listStartingBetween(from, to);
  const team = teamId ? new Set((await deps.children.listByTeam(teamId)).map((c) => c.ref)) : undefined;
  const mine = meetings.filter((m) => m.status === 'scheduled' && (!team || team.has(m.childRef))).sort((a, b) => a.start.localeCompare(b.start));
  const [records, chairs] = await Promise.all([deps.voice.getMany(mine.map((m) => m.id)), deps.chairRecords?.getMany(mine.map((m) => m.id))]);
  // The whole service's rows say each child's team, so an inspector can sort and compare them.
  const children = !teamId && deps.children.getMany ? await deps.children.getMany([...new Set(mine.map((m) => m.childRef))]) : undefined;
  return mine.map((m) => {
    const r = records.get(m.id);
    // The code recorded after the meeting (the chair's, or the worker's where no chair did), else an older record's forecast.
    const c = chairs?.get(m.id);
    return {
      meetingId: m.id, childRef: m.childRef, teamId: teamId ?? children?.get(m.childRef)?.teamId ?? '', meetingType: m.type, meetingDate: londonDate(new Date(m.start)),
      voiceBy: r?.voiceBy ?? deps.voiceByOf?.(m) ?? '', status: !r ? 'missing' : deps.isStale?.(r, m) ? 'stale' : r.declined ? 'declined' : 'recorded',
      pnCode: c?.pnCode ?? r?.pnCode ?? '', pnBy: c?.pnBy ?? (r?.pnCode ? 'worker' : ''), methods: list(r?.methods),
      declined: r?.declined ?? '', gatheredOn: r?.gatheredOn ?? '', gatheredBy: r?.gatheredBy ?? '', prepared: r?.prepared ?? '', attendance: r?.attendance ?? '',
      advocacyOffered: r?.advocacyOffered ?? '', sharedWith: list(r?.sharedWith), recordedAt: r?.recordedAt ?? '',
    };
  });
}

/**
 * Evidence for an inspection, as CSV: voice records (one row per meeting in the period, missing ones
 * included: gaps are evidence too), participation examples, or "You said, we did" items, for one team or
 * the whole service. The note field is left out: it is the worker's, not evidence. Exports are audited.
 */
export async function exportEvidence(deps: EvidenceDeps, req: EvidenceRequest): Promise<{ csv: string; rows: number; kind: EvidenceKind; period: Period }> {
  await requireAllowed(req.actor, 'export.evidence', {}, { audit: deps.audit });
  const kindParsed = EvidenceKindSchema.safeParse(req.kind);
  if (!kindParsed.success) throw new DomainError('INVALID', 'kind is voice, examples or tracker.', { kind: ['Choose voice, examples or tracker.'] });
  const kind = kindParsed.data;
  const period = parsePeriod(req.period);
  const inTeam = (t?: string) => !req.teamId || t === req.teamId;
  let rows: Record<string, unknown>[];
  if (kind === 'voice') rows = await voiceRows(deps, period, req.teamId);
  else if (kind === 'examples') {
    rows = (await deps.examples.listRecordedBetween(period.from, dayAfter(period.to)))
      .filter((e) => inTeam(e.teamId) && e.status === 'active')
      .map((e) => ({ ...e, teamId: e.teamId ?? '', promiseIds: list(e.promiseIds), lundy: list(e.lundy) }));
  } else {
    rows = (await deps.items.listRaisedBetween(period.from, dayAfter(period.to)))
      .filter((i) => inTeam(i.teamId) && i.status !== 'withdrawn')
      .map((i) => ({
        ...i, teamId: i.teamId ?? '', outcome: i.outcome?.kind ?? '', whatChanged: i.outcome ? ('weDid' in i.outcome ? i.outcome.weDid : i.outcome.why) : '',
        feedbackGivenOn: i.feedback?.givenOn ?? '', feedbackHow: i.feedback?.how ?? '', closedOn: i.closedOn ?? '',
      }));
  }
  const exportId = `${kind}:${period.from}..${period.to}`;
  await deps.audit.append({
    actorId: req.actor!.id, action: 'evidence.exported', recordType: 'evidence', recordId: exportId,
    detail: { rows: rows.length, teamId: req.teamId ?? 'all', via: req.via },
  });
  // A read of each child's data, filed under the child, so their subject-access request shows who took it.
  const perChild = new Map<string, number>();
  for (const r of rows) if (typeof r.childRef === 'string' && r.childRef) perChild.set(r.childRef, (perChild.get(r.childRef) ?? 0) + 1);
  await mapLimit([...perChild], 8, ([childRef, n]) =>
    deps.audit.append({ actorId: req.actor!.id, action: 'evidence.read', recordType: 'child', recordId: childRef, detail: { export: exportId, rows: n, via: req.via } }),
  );
  return { csv: toCsv([...EVIDENCE_COLUMNS[kind]], rows), rows: rows.length, kind, period };
}
