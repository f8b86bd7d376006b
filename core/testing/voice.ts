// In-memory fakes of core's ports for unit tests (and the bench): behaviour, not mocks.
import type { IsoDate } from '../calendar/working-days';
import type { Child } from '../model/child';
import type { Meeting } from '../model/meeting';
import type { Person } from '../model/person';
import type { Team } from '../model/team';
import type { ChildStore, MeetingStore, PersonStore, TeamStore, Versioned } from '../ports';
import { factKey, type ManagerDirectory, type MeetingPause, type NudgeFact, type NudgeStateStore, type SentDigest, type VoiceRecordStore } from '../voice/ports';
import type { AfterMeetingRecord } from '../voice/after-meeting-record';
import type { Cover, CoverStore } from '../voice/cover';
import type { AfterMeetingStore, ChairRecordStore, PlannedTelling } from '../voice/ports';
import type { ChairRecord } from '../voice/chair-record';
import type { VoiceRecord } from '../voice/voice-record';

const v = <T>(value: T): Versioned<T> => ({ value, etag: 'e' });

export class InMemoryMeetings implements MeetingStore {
  readonly byId = new Map<string, Meeting>();
  reads = 0;
  constructor(meetings: Meeting[] = []) { for (const m of meetings) this.byId.set(m.id, m); }
  get = async (id: string) => { const m = this.byId.get(id); return m && v(m); };
  upsertMany = async (ms: readonly Meeting[]) => { for (const m of ms) this.byId.set(m.id, m); };
  listStartingBetween = async (from: Date, to: Date) => {
    const out = [...this.byId.values()].filter((m) => new Date(m.start) >= from && new Date(m.start) < to);
    this.reads += out.length;
    return out;
  };
  listForChild = async (ref: string) => [...this.byId.values()].filter((m) => m.childRef === ref);
  listForChair = async (id: string) => [...this.byId.values()].filter((m) => m.chairId === id).sort((a, b) => a.start.localeCompare(b.start));
}

export class InMemoryChildren implements ChildStore {
  readonly byRef = new Map<string, Child>();
  constructor(children: Child[] = []) { for (const c of children) this.byRef.set(c.ref, c); }
  get = async (ref: string) => { const c = this.byRef.get(ref); return c && v(c); };
  upsertMany = async (cs: readonly Child[]) => { for (const c of cs) this.byRef.set(c.ref, c); };
  listByWorker = async (id: string) => [...this.byRef.values()].filter((c) => c.workerId === id);
  listByTeam = async (id: string) => [...this.byRef.values()].filter((c) => c.teamId === id);
}

export class InMemoryPeople implements PersonStore, ManagerDirectory {
  readonly byId = new Map<string, Person>();
  constructor(people: Person[] = []) { for (const p of people) this.byId.set(p.id, p); }
  get = async (id: string) => this.byId.get(id);
  getByUpn = async (upn: string) => [...this.byId.values()].find((p) => p.upn.toLowerCase() === upn.toLowerCase());
  upsertMany = async (ps: readonly Person[]) => { for (const p of ps) this.byId.set(p.id, p); };
  listByTeam = async (id: string) => [...this.byId.values()].filter((p) => p.teamId === id);
  list = async () => [...this.byId.values()];
  managerOf = async (id: string) => this.byId.get(id)?.lineManagerId;
}

export class InMemoryTeams implements TeamStore {
  readonly byId = new Map<string, Team>();
  constructor(teams: Team[] = []) { for (const t of teams) this.byId.set(t.id, t); }
  get = async (id: string) => this.byId.get(id);
  upsertMany = async (ts: readonly Team[]) => { for (const t of ts) this.byId.set(t.id, t); };
  list = async () => [...this.byId.values()];
}

export class InMemoryVoiceRecords implements VoiceRecordStore {
  readonly byMeeting = new Map<string, VoiceRecord>();
  get = async (id: string) => this.byMeeting.get(id);
  getMany = async (ids: readonly string[]) => new Map(ids.flatMap((id) => { const r = this.byMeeting.get(id); return r ? [[id, r] as const] : []; }));
  save = async (r: VoiceRecord) => { this.byMeeting.set(r.meetingId, r); };
}

export class InMemoryNudgeState implements NudgeStateStore {
  readonly facts = new Map<string, Map<string, NudgeFact>>();
  readonly runs = new Map<IsoDate, Record<string, number>>();
  /** Set to make the next `record` call throw, as a crash between enqueue and state-write would. */
  failNextRecord = false;
  listForMeetings = async (ids: readonly string[]): Promise<Map<string, NudgeFact[]>> =>
    new Map(ids.flatMap((id): [string, NudgeFact[]][] => { const f = this.facts.get(id); return f ? [[id, [...f.values()]]] : []; }));
  record = async (facts: readonly NudgeFact[]) => {
    if (this.failNextRecord) { this.failNextRecord = false; throw new Error('crash before the nudge state was written'); }
    for (const f of facts) {
      const m = this.facts.get(f.meetingId) ?? new Map<string, NudgeFact>();
      m.set(factKey(f), f);
      this.facts.set(f.meetingId, m);
    }
  };
  escalationsBetween = async (from: IsoDate, to: IsoDate): Promise<NudgeFact[]> =>
    [...this.facts.values()].flatMap((m) => [...m.values()]).filter((f) => f.kind === 'escalated' && f.on >= from && f.on <= to);
  removeFacts = async (meetingId: string, facts: readonly Pick<NudgeFact, 'stage' | 'voiceBy'>[]) => {
    for (const f of facts) this.facts.get(meetingId)?.delete(factKey(f));
  };
  readonly pauses = new Map<string, MeetingPause>();
  listPauses = async () => [...this.pauses.values()];
  getPause = async (meetingId: string) => this.pauses.get(meetingId);
  savePause = async (p: MeetingPause) => { this.pauses.set(p.meetingId, p); };
  removePause = async (meetingId: string) => { this.pauses.delete(meetingId); };
  isRunDone = async (date: IsoDate) => this.runs.has(date);
  markRunDone = async (date: IsoDate, summary: Record<string, number>) => { this.runs.set(date, summary); };
  readonly digests = new Map<string, SentDigest>();
  recordDigest = async (d: SentDigest) => { this.digests.set(`${d.date}|${d.recipientId}|${d.messageKey}`, d); };
  listDigests = async (date: IsoDate) => [...this.digests.values()].filter((d) => d.date === date);
}

export class InMemoryAfterMeeting implements AfterMeetingStore {
  readonly byMeeting = new Map<string, AfterMeetingRecord>();
  readonly planned = new Map<string, PlannedTelling>();
  get = async (id: string) => this.byMeeting.get(id);
  getMany = async (ids: readonly string[]) => new Map(ids.flatMap((id): [string, AfterMeetingRecord][] => { const r = this.byMeeting.get(id); return r ? [[id, r]] : []; }));
  save = async (r: AfterMeetingRecord) => {
    if (r.told === 'planned' && r.plannedFor) this.planned.set(`${r.plannedFor}|${r.meetingId}`, { meetingId: r.meetingId, plannedFor: r.plannedFor });
    this.byMeeting.set(r.meetingId, r);
  };
  listPlannedUpTo = async (date: IsoDate) => [...this.planned.values()].filter((p) => p.plannedFor <= date);
  clearPlanned = async (p: PlannedTelling) => { this.planned.delete(`${p.plannedFor}|${p.meetingId}`); };
}

export class InMemoryCovers implements CoverStore {
  readonly all: Cover[] = [];
  listFor = async (workerId: string) => this.all.filter((c) => c.workerId === workerId);
  save = async (c: Cover) => { this.all.push(c); };
  remove = async (c: Pick<Cover, 'workerId' | 'from' | 'to' | 'coverId'>) => {
    const i = this.all.findIndex((x) => x.workerId === c.workerId && x.from === c.from && x.to === c.to && x.coverId === c.coverId);
    if (i >= 0) this.all.splice(i, 1);
  };
}

export class InMemoryChairRecords implements ChairRecordStore {
  readonly byMeeting = new Map<string, ChairRecord>();
  get = async (id: string) => this.byMeeting.get(id);
  getMany = async (ids: readonly string[]) => new Map(ids.flatMap((id) => (this.byMeeting.has(id) ? [[id, this.byMeeting.get(id)!] as const] : [])));
  save = async (r: ChairRecord) => { this.byMeeting.set(r.meetingId, r); };
}
