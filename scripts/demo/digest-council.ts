import { DateTime } from 'luxon';
import { LONDON } from '../../core/calendar';
import type { HarderToHearGroup, FeedbackFact, Listened, MeetingType, ParticipationMode, PnCode, VoiceMethod } from '../../core/model';
import type { ExampleFact, ForumOccurrence, ItemRaisedBy, MeetingVoiceFact, PromiseAudit, TrackerItemFact } from '../../core/digests';

/**
 * A deterministic demo council for the digests (tests, README pictures, the bench): four teams in two
 * districts, children with references AND made-up names (names exist here only so tests can prove no
 * name reaches a channel), meetings, examples, tracker items and forum dates over `historyMonths`.
 */
export interface DemoChild {
  ref: string;
  name: string;
  initials: string;
  teamId: string;
  groups: HarderToHearGroup[];
}

export interface DemoCouncil {
  teams: { id: string; name: string; district: string }[];
  children: DemoChild[];
  meetings: MeetingVoiceFact[];
  examples: ExampleFact[];
  tracker: TrackerItemFact[];
  forums: ForumOccurrence[];
  audits: PromiseAudit[];
}

const FIRST = ['Amara', 'Bilal', 'Chloe', 'Dylan', 'Esme', 'Finley', 'Grace', 'Harvey', 'Isla', 'Jayden', 'Kacper', 'Leah', 'Mason', 'Nadia', 'Oscar', 'Priya', 'Reuben', 'Sienna', 'Tyler', 'Zara'];
const LAST = ['Okafor', 'Hussain', 'Walsh', 'Kowalski', 'Brennan', 'Mensah', 'Patel', 'Doherty', 'Nowak', 'Clarke'];
const GROUPS: HarderToHearGroup[] = ['disabled', 'placed_out_of_area', 'uasc', 'black_minority_ethnic', 'very_young', 'care_leaver'];
const TYPES: MeetingType[] = ['CLA_REVIEW', 'CLA_REVIEW', 'RCPC', 'ICPC', 'CIN_REVIEW', 'PATHWAY_REVIEW'];
const MODES: ParticipationMode[] = ['yp_initiated_shared', 'yp_initiated_directed', 'adult_initiated_shared', 'consulted_informed', 'consulted_informed', 'assigned_informed'];
const PROMISES = ['health', 'safe', 'dreams', 'relationships', 'adult-life'];
const SHAREABLE = [
  'Young people chose the new games for the family time room.',
  'A group of care leavers helped write the new money guide.',
  'Young people helped pick the new health check leaflet.',
  'The care council asked for faster replies to calls, and managers now check them each week.',
  'Young people took part in interviews for new social workers.',
  'A young person in care led a session for foster carers on school worries.',
];
const YOU_SAID = [
  ['Bus passes took too long to come.', 'We now order them on the day you move.'],
  ['You did not know who your new worker was.', 'We now send a photo and a short note before the first visit.'],
  ['The grant to set up a home was too small.', 'We could not raise it this year. The money is set until April, and we will look at it again then.'],
  ['You wanted more clubs in the holidays.', 'We now pay for one club each holiday.'],
  ['Reviews were too long and boring.', 'We now let you choose where and when your review is held.'],
];

/** A small seeded generator, so the demo is the same on every run. */
function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T, chance: (p: number) => next() < p };
}

const PN_HEARD: PnCode[] = ['PN1', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN5', 'PN6'];
const METHODS: VoiceMethod[] = ['mind_of_my_own', 'direct_work', 'own_words', 'advocate', 'iro_met', 'observation', 'people_who_know_them'];

/** What a worker's voice record says (drawn from its own generator, so the rest of the council is unchanged). */
function voiceRecordFacts(v: ReturnType<typeof prng>): Partial<MeetingVoiceFact> {
  const declined = v.chance(0.08);
  const pn: PnCode = declined ? 'PN4' : v.chance(0.1) ? 'PN7' : v.pick(PN_HEARD);
  const methods = declined ? [] : [...new Set([v.chance(0.4) ? 'mind_of_my_own' : v.pick(METHODS), ...(v.chance(0.4) ? [v.pick(METHODS)] : [])])];
  return { pn, pnBy: 'worker', declined, sharedWithChair: !declined && v.chance(0.8), prepared: v.chance(0.85), methods, attended: ['PN1', 'PN2', 'PN3', 'PN4'].includes(pn) };
}

const LISTENED: Listened[] = ['well', 'well', 'partly', 'not_well'];

/** Feedback after a held meeting (its own generator too): most children offered a form, fewer parents; some answer. */
function feedbackFacts(f: ReturnType<typeof prng>): Pick<MeetingVoiceFact, 'childFeedback' | 'parentsFeedback'> {
  const one = (offeredChance: number): FeedbackFact | undefined => {
    if (f.chance(0.1)) return undefined; // not recorded
    const offered = f.chance(offeredChance);
    return { offered, ...(offered && f.chance(0.97) ? { listened: f.pick(LISTENED) } : {}) };
  };
  const child = one(0.7);
  const parents = one(0.5);
  return { ...(child ? { childFeedback: child } : {}), ...(parents ? { parentsFeedback: parents } : {}) };
}

const iso = (dt: DateTime): string => dt.toUTC().toISO({ suppressMilliseconds: true }) as string;

export function demoCouncil(opts: { now: Date; historyMonths?: number; childrenPerTeam?: number; seed?: number }): DemoCouncil {
  const r = prng(opts.seed ?? 7);
  const v = prng((opts.seed ?? 7) + 1000);
  const f = prng((opts.seed ?? 7) + 2000);
  const now = DateTime.fromJSDate(opts.now, { zone: LONDON });
  const start = now.minus({ months: opts.historyMonths ?? 3 }).startOf('day');
  const end = now.plus({ months: 4 });
  const teams = [
    { id: 'north-ca', name: 'North Children in Care', district: 'North' },
    { id: 'north-cp', name: 'North Child Protection', district: 'North' },
    { id: 'south-ca', name: 'South Children in Care', district: 'South' },
    { id: 'south-cp', name: 'South Child Protection', district: 'South' },
  ];
  const children: DemoChild[] = [];
  const meetings: MeetingVoiceFact[] = [];
  let n = 0;
  for (const team of teams) {
    for (let i = 0; i < (opts.childrenPerTeam ?? 30); i++) {
      const first = FIRST[n % FIRST.length] as string;
      const last = LAST[(n * 7) % LAST.length] as string;
      const groups = GROUPS.filter(() => r.chance(0.15));
      const child: DemoChild = { ref: `DBC-${10001 + n}`, name: `${first} ${last}`, initials: `${first[0]}${last[0]}`, teamId: team.id, groups };
      children.push(child);
      n++;
      const type = r.pick(TYPES);
      let at = start.plus({ days: Math.floor(r.next() * 42) }).set({ hour: 10 });
      let k = 0;
      while (at < end) {
        const voiceDue = at.minus({ days: 7 }).set({ hour: 17 });
        const roll = r.next();
        const recorded = roll < 0.72 ? voiceDue.minus({ days: 3 }) : roll < 0.85 ? voiceDue.plus({ days: 2 }) : undefined;
        const advocacyRequired = type === 'ICPC' || r.chance(0.1);
        meetings.push({
          meetingId: `${child.ref}-m${k++}`,
          childRef: child.ref,
          teamId: team.id,
          district: team.district,
          type,
          start: iso(at),
          voiceDue: iso(voiceDue),
          voiceRecordedAt: recorded && recorded < now ? iso(recorded) : undefined,
          ...(recorded && recorded < now ? voiceRecordFacts(v) : {}),
          advocacyRequired,
          advocacyOfferedAt: advocacyRequired && r.chance(0.75) ? iso(at.minus({ days: 10 })) : undefined,
          escalatedAt: (!recorded || recorded > voiceDue) && voiceDue.minus({ days: 2 }) < now ? iso(voiceDue.minus({ days: 2 })) : undefined,
          toldOutcomeAt: r.chance(0.7) && at.plus({ days: 3 }) < now ? iso(at.plus({ days: 3 })) : undefined,
          ...(at.plus({ days: 1 }) < now ? feedbackFacts(f) : {}),
          groups,
        });
        at = at.plus({ days: 42 + Math.floor(r.next() * 14) });
      }
    }
  }
  const examples: ExampleFact[] = [];
  const tracker: TrackerItemFact[] = [];
  const RAISED_BY: ItemRaisedBy[] = [
    { kind: 'forum', forumId: 'cicc', forumType: 'CICC' },
    { kind: 'forum', forumId: 'cicc', forumType: 'CICC' },
    { kind: 'forum', forumId: 'uasc', forumType: 'UASC' },
    { kind: 'forum', forumId: 'cicc', forumType: 'CICC' },
    { kind: 'child' },
    { kind: 'forum', forumId: 'cicc', forumType: 'CICC' },
    { kind: 'forum', forumId: 'families', forumType: 'SERVICE_USER' },
    { kind: 'group' },
  ];
  for (let d = start, i = 0; d < now; d = d.plus({ days: 2 }), i++) {
    const team = r.pick(teams);
    const shareable = r.chance(0.8);
    const child = r.pick(children);
    examples.push({
      id: `ex-${i}`,
      recordedAt: iso(d.set({ hour: 11 })),
      promiseIds: r.chance(0.3) ? [r.pick(PROMISES), r.pick(PROMISES)].filter((p, j, a) => a.indexOf(p) === j) : [r.pick(PROMISES)],
      mode: r.pick(MODES),
      teamId: team.id,
      district: team.district,
      shareable,
      // Unshareable examples carry identifying text: the digests must never show them in a channel.
      summary: shareable ? r.pick(SHAREABLE) : `${child.name} (${child.ref}) told us about ${child.initials}'s school.`,
    });
    if (i % 3 === 0) {
      const [said, did] = r.pick(YOU_SAID) as [string, string];
      const raised = d.set({ hour: 12 });
      const due = raised.plus({ weeks: 6 });
      const closed = raised.plus({ weeks: 3 + Math.floor(r.next() * 5) });
      const isClosed = closed < now && r.chance(0.75);
      const ok = r.chance(0.8);
      tracker.push({
        id: `yswd-${i}`,
        raisedAt: iso(raised),
        due: due.toISODate() as string,
        status: isClosed ? (did.startsWith('We could not') ? 'not_possible' : 'done') : 'open',
        closedAt: isClosed ? iso(closed) : undefined,
        youSaid: ok ? said : `${child.name} said: ${said}`,
        outcome: isClosed ? did : undefined,
        promiseId: r.pick(PROMISES),
        teamId: r.chance(0.5) ? team.id : undefined,
        who: `the ${team.name} team`,
        shareable: ok,
        // Half the asks are the CICC's own; the rest come from the UASC group, the families' forum, a child or a group.
        raisedBy: RAISED_BY[(i / 3) % RAISED_BY.length],
      });
    }
  }
  const forums: ForumOccurrence[] = [];
  for (let m = start.startOf('month'); m < end; m = m.plus({ months: 1 })) {
    // CICC: second Tuesday of each month, 17:00; CPB: first Thursday of each quarter's last month, 14:00.
    const firstTue = m.plus({ days: (2 - m.weekday + 7) % 7 });
    forums.push({ id: `cicc-${m.toFormat('yyyy-MM')}`, forumId: 'cicc', forum: 'CICC', start: iso(firstTue.plus({ weeks: 1 }).set({ hour: 17 })) });
    if (m.month % 3 === 0) {
      const firstThu = m.plus({ days: (4 - m.weekday + 7) % 7 });
      forums.push({ id: `cpb-${m.toFormat('yyyy-MM')}`, forum: 'CPB', start: iso(firstThu.set({ hour: 14 })) });
    }
  }
  return { teams, children, meetings, examples, tracker, forums, audits: [] };
}
