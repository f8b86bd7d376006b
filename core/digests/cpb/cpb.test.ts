import { defaultPromises } from '../../model/promises';
import { computeCpbBriefing } from './cpb';
import { presentCpb, trendOf } from './cpb-view';
import { inMemoryAuditStore, inMemoryCohortFacts, inMemoryExampleFacts, inMemoryForumCalendar, inMemoryTrackerFacts, inMemoryVoiceFacts } from '../../testing';
import type { ExampleFact, ForumOccurrence, MeetingVoiceFact, TrackerItemFact } from '../ports';
import { piiTextGuard } from '../text/text-guard';

const forums: ForumOccurrence[] = [
  { id: 'cpb-jun', forum: 'CPB', start: '2026-06-04T13:00:00Z' },
  { id: 'cpb-sep', forum: 'CPB', start: '2026-09-03T13:00:00Z' },
  { id: 'cpb-dec', forum: 'CPB', start: '2026-12-03T14:00:00Z' },
];
const NOW = new Date('2026-11-26T08:00:00Z');
const meeting = (i: number, type: MeetingVoiceFact['type'], start: string, onTime: boolean, more: Partial<MeetingVoiceFact> = {}): MeetingVoiceFact => ({
  meetingId: `m${type}${i}${start}`, childRef: `C${type}${i}`, teamId: 'A', district: 'North', type, start,
  voiceDue: start.replace('T10', 'T00'), voiceRecordedAt: onTime ? '2026-01-01T00:00:00Z' : undefined, pn: onTime ? 'PN1' : undefined, advocacyRequired: false, groups: [], ...more,
});
const meetings: MeetingVoiceFact[] = [
  // This period: 12 looked-after reviews, 7 on time (the first 6 children are disabled); 3 ICPCs, 2 on time.
  ...Array.from({ length: 12 }, (_, i) => meeting(i, 'CLA_REVIEW', '2026-10-01T10:00:00Z', i < 7, { groups: i < 6 ? ['disabled'] : [] })),
  ...Array.from({ length: 3 }, (_, i) => meeting(i, 'ICPC', '2026-10-02T10:00:00Z', i < 2)),
  // ...and 10 review conferences, 5 on time: the smallest other type, held back so the ICPCs can't be worked out.
  ...Array.from({ length: 10 }, (_, i) => meeting(i, 'RCPC', '2026-10-03T10:00:00Z', i < 5)),
  // The period before: 10 looked-after reviews, 5 on time.
  ...Array.from({ length: 10 }, (_, i) => meeting(i, 'CLA_REVIEW', '2026-07-01T10:00:00Z', i < 5)),
];
const ex = (i: number, mode: ExampleFact['mode']): ExampleFact => ({ id: `e${i}`, recordedAt: '2026-10-05T10:00:00Z', promiseIds: ['health'], mode, shareable: true, summary: 'Young people chose the new health leaflet.' });
const examples = [...Array.from({ length: 7 }, (_, i) => ex(i, 'consulted_informed')), ex(7, 'yp_initiated_shared'), ex(8, 'yp_initiated_shared')];
const item = (id: string, raisedAt: string, status: TrackerItemFact['status'], closedAt?: string, due = '2027-01-01'): TrackerItemFact => ({ id, raisedAt, due, status, closedAt, youSaid: 'x', shareable: true });
const tracker = [
  ...Array.from({ length: 6 }, (_, i) => item(`r${i}`, '2026-09-10T10:00:00Z', 'open')),
  ...Array.from({ length: 5 }, (_, i) => item(`d${i}`, '2026-08-01T10:00:00Z', 'done', '2026-10-10T10:00:00Z')),
  ...Array.from({ length: 2 }, (_, i) => item(`n${i}`, '2026-08-01T10:00:00Z', 'not_possible', '2026-10-10T10:00:00Z')),
];
const audits = inMemoryAuditStore([
  { occurrenceId: 'cicc-nov', promiseId: 'health', verdict: 'partly', comment: 'Dentist waits are still long.', at: '2026-11-10T18:00:00Z', byId: 'f1' },
  { occurrenceId: 'cicc-nov', promiseId: 'safe', verdict: 'kept', comment: 'Priya Patel says calls are returned.', at: '2026-11-10T18:00:00Z', byId: 'f1' },
]);
const cohort = inMemoryCohortFacts([...Array.from({ length: 20 }, () => ({ groups: ['disabled' as const] })), ...Array.from({ length: 80 }, () => ({ groups: [] }))]);
const facts = { voice: inMemoryVoiceFacts(meetings), examples: inMemoryExampleFacts(examples), tracker: inMemoryTrackerFacts(tracker), forums: inMemoryForumCalendar(forums), audits, cohort };
const run = async () => presentCpb(await computeCpbBriefing(facts, { occurrence: forums[2]!, now: NOW, promises: defaultPromises, guard: piiTextGuard }));
const section = async (id: string) => (await run()).sections.find((s) => s.id === id)!;
const fact = async (id: string, title: string) => (await section(id)).facts.find((f) => f.title === title)?.value;

describe('the Corporate Parenting Board briefing', () => {
  it('covers the time since the previous briefing, cut at the start of the day each is sent', async () => {
    expect((await run()).period).toBe('For the board on 3 December 2026. Since the last briefing: 26 August 2026 to 25 November 2026.');
  });

  it('gives voice-before-meeting rates by meeting type with the change since the period before', async () => {
    expect(await fact('voice', 'Looked-after review')).toBe('7 of 12 (58%); before: 50% (up 8 points)');
    expect(await fact('voice', 'Initial child protection conference')).toBe('not shown (fewer than 5 in all); before: none due');
    expect(await fact('voice', 'Review child protection conference')).toBe('held back, so a small number cannot be worked out (of 10); before: none due');
    expect((await section('voice')).bars).toEqual([{ x: 'Looked-after review', y: 58 }]);
  });

  it('shows whether children were heard, declines apart, with what each number counts', async () => {
    const declined = [...meetings, ...Array.from({ length: 5 }, (_, i) => meeting(i + 40, 'CLA_REVIEW', '2026-10-04T10:00:00Z', true, { pn: 'PN1', declined: true }))];
    const b = await computeCpbBriefing({ ...facts, voice: inMemoryVoiceFacts(declined) }, { occurrence: forums[2]!, now: NOW, promises: defaultPromises, guard: piiTextGuard });
    const heard = presentCpb(b).sections.find((s) => s.id === 'heard')!;
    // 30 meetings: 14 with PN1 (views reached), 5 declined (filled in on time, never counted as heard), 11 with nothing.
    expect(heard.facts.slice(0, 4).map((f) => f.value)).toEqual(['14 of 30 meetings (47%)', '5 of 30 meetings (17%)', '11 of 30 meetings (37%)', '0 of 30 meetings (0%)']);
    expect(heard.facts.find((f) => f.title === 'Views reached: Looked-after review')!.value).toBe('7 of 17 (41%); before: 50% (down 9 points)');
    // The last four board periods, oldest first; the last is this one.
    expect(heard.facts.filter((f) => f.figure === 'cpb.heard-trend').map((f) => [f.title, f.value])).toEqual([
      ['Views reached: 26 Nov 2025 to 25 Feb 2026', 'none due'],
      ['Views reached: 25 Feb to 27 May 2026', 'none due'],
      ['Views reached: 28 May to 25 Aug 2026', '5 of 10 (50%)'],
      ['Views reached: 26 Aug to 25 Nov 2026', '14 of 30 (47%)'],
    ]);
    expect(heard.notes.map((n) => n.text.split(':')[0])).toEqual(['Views reached the meeting', 'Declined', 'Not heard', 'Under 4']);
    const around = presentCpb(b).sections.find((s) => s.id === 'loop')!;
    expect(around.facts.find((f) => f.title === 'Chair met the child beforehand')!.value).toBe('not recorded yet');
  });

  it('shows the mode mix exactly: examples are the council\'s records, not children', async () => {
    expect((await section('modes')).facts.map((f) => f.value)).toEqual(['2', '0', '0', '7', '0', '9']);
    expect((await section('modes')).donut.map((d) => d.value)).toEqual([2, 7]);
  });

  it('counts "You said, we did" raised, done, not possible and overdue exactly, small numbers too', async () => {
    expect((await section('tracker')).facts.map((f) => f.value)).toEqual(['6', '5', '2', '0']);
  });

  it('"You said, we did" counts young people\'s and families\' asks, not the board\'s own "Ask about this" questions', async () => {
    // Two board members asked about a section in October; one question is past its due date.
    const asks = [
      { ...item('ask1', '2026-10-12T10:00:00Z', 'open', undefined, '2026-10-26'), raisedBy: { kind: 'board' as const } },
      { ...item('ask2', '2026-10-12T10:00:00Z', 'done', '2026-10-20T10:00:00Z'), raisedBy: { kind: 'board' as const } },
    ];
    const b = await computeCpbBriefing({ ...facts, tracker: inMemoryTrackerFacts([...tracker, ...asks]) }, { occurrence: forums[2]!, now: NOW, promises: defaultPromises, guard: piiTextGuard });
    expect(presentCpb(b).sections.find((s) => s.id === 'tracker')!.facts.map((f) => f.value)).toEqual(['6', '5', '2', '0']);
    expect(presentCpb(b).attention.map((l) => l.text).join(' ')).not.toMatch(/overdue/);
  });

  it('lists each example once, with every promise it shows', async () => {
    const twice: ExampleFact = { id: 'e9', recordedAt: '2026-10-06T10:00:00Z', promiseIds: ['dreams', 'health'], mode: 'consulted_informed', shareable: true, summary: 'Young people chose the new health leaflet.' };
    const b = await computeCpbBriefing({ ...facts, examples: inMemoryExampleFacts([...examples, twice]) }, { occurrence: forums[2]!, now: NOW, promises: defaultPromises, guard: piiTextGuard });
    expect(presentCpb(b).sections.find((s) => s.id === 'evidence')!.lines).toEqual([{ text: 'Young people chose the new health leaflet. (Health, Dreams)' }]);
  });

  it('leads with what needs the board\'s attention, each line pointing to its section', async () => {
    const late = [item('o1', '2026-06-01T10:00:00Z', 'open', undefined, '2026-07-01'), item('o2', '2026-10-01T10:00:00Z', 'open', undefined, '2026-11-20')];
    const notYet = inMemoryAuditStore([{ occurrenceId: 'cicc-nov', promiseId: 'dreams', verdict: 'not_yet', comment: '', at: '2026-11-10T18:00:00Z', byId: 'f1' }]);
    const fell = [...meetings, ...Array.from({ length: 10 }, (_, i) => meeting(i + 20, 'CLA_REVIEW', '2026-07-02T10:00:00Z', true))];
    const b = await computeCpbBriefing(
      { ...facts, voice: inMemoryVoiceFacts(fell), tracker: inMemoryTrackerFacts([...tracker, ...late]), audits: notYet },
      { occurrence: forums[2]!, now: NOW, promises: defaultPromises, guard: piiTextGuard },
    );
    const v = presentCpb(b);
    expect(v.attention.map((l) => [l.text, l.see])).toEqual([
      ["Fewer children's views reached their meetings: Looked-after review 75% to 58% (down 17 points); All meetings 75% to 56% (down 19 points).", 'See 3. Were children heard at their meetings?'],
      ['Fewer views recorded before the deadline: Looked-after review 75% to 58% (down 17 points); All meetings 75% to 56% (down 19 points).', 'See 4. Views recorded before the report deadline'],
      ['2 "You said" items are overdue: 1 by more than 8 weeks, 1 by under 4 weeks.', 'See 8. "You said, we did"'],
      ['The Children in Care Council says these promises are not yet kept: Dreams.', "See 7. The Children in Care Council's audit"],
    ]);
    expect(v.sections.map((s) => s.title)[0]).toBe('1. Evidence against each promise');
  });

  it('says so when nothing needs attention', async () => {
    const v = presentCpb(await computeCpbBriefing({ ...facts, audits: inMemoryAuditStore([]), cohort: inMemoryCohortFacts([]) }, { occurrence: forums[2]!, now: NOW, promises: defaultPromises, guard: piiTextGuard }));
    expect(v.attention).toEqual([]);
    expect(v.attentionEmpty).toMatch(/^Nothing in these figures needs your attention/);
  });

  it("includes the CICC's audit, leaving out a comment that names someone", async () => {
    expect((await section('audit')).facts).toEqual([
      { title: 'Health', value: 'Partly kept: Dentist waits are still long.' },
      { title: 'Safe and important', value: 'Kept' },
    ]);
  });

  it("shows the CICC's latest answer for each promise, though every answer is kept", async () => {
    const later = { occurrenceId: 'cicc-nov', promiseId: 'health', verdict: 'kept' as const, comment: 'Waits are shorter now.', at: '2026-11-10T18:30:00Z', byId: 'po' };
    const withLater = { ...facts, audits: inMemoryAuditStore([...(await audits.between(new Date(0), NOW)), later]) };
    const view = presentCpb(await computeCpbBriefing(withLater, { occurrence: forums[2]!, now: NOW, promises: defaultPromises, guard: piiTextGuard }));
    expect(view.sections.find((x) => x.id === 'audit')?.facts).toEqual([
      { title: 'Health', value: 'Kept: Waits are shorter now.' },
      { title: 'Safe and important', value: 'Kept' },
    ]);
  });

  it('compares the harder-to-hear groups among children heard with the whole cohort', async () => {
    // 14 children heard (7 CLA + 2 ICPC + 5 RCPC), 6 of them disabled; 20 of 100 children are disabled.
    expect(await fact('representation', 'Disabled children')).toBe('heard: 43%; all children: 20%');
    // The disabled children's 6 meetings all reached (PN1), against 14 of 25 for all meetings.
    expect(await fact('representation', 'Views reached: Disabled children')).toBe('6 of 6 (100%); all meetings: 56%');
  });

  it('does not say a group was heard less than its share when every child of it who had a meeting was heard', async () => {
    // 40 meetings since the last board, every child's views reached; 8 of the 40 children are disabled (20%), 60 of 200 on file (30%):
    // fewer disabled children had a review this period, which is not the same as being heard less.
    const all = Array.from({ length: 40 }, (_, i) => meeting(i, 'CLA_REVIEW', '2026-10-01T10:00:00Z', true, { groups: i < 8 ? ['disabled'] : [] }));
    const cohort200 = inMemoryCohortFacts([...Array.from({ length: 60 }, () => ({ groups: ['disabled' as const] })), ...Array.from({ length: 140 }, () => ({ groups: [] }))]);
    const v = presentCpb(await computeCpbBriefing({ ...facts, voice: inMemoryVoiceFacts(all), cohort: cohort200 }, { occurrence: forums[2]!, now: NOW, promises: defaultPromises, guard: piiTextGuard }));
    expect(v.attention.map((l) => l.text).join(' ')).not.toMatch(/heard less/i);
    // Two of the eight not heard: 6 of the 38 heard are disabled (16%), against 8 of the 40 with a meeting (20%).
    const two = all.map((m, i) => (i < 2 ? { ...m, pn: 'PN7' as const } : m));
    const w = presentCpb(await computeCpbBriefing({ ...facts, voice: inMemoryVoiceFacts(two), cohort: cohort200 }, { occurrence: forums[2]!, now: NOW, promises: defaultPromises, guard: piiTextGuard }));
    expect(w.attention.map((l) => l.text)).toContain('Heard less than their share of the children who had a meeting: Disabled children (16% of those heard, 20% of those with a meeting).');
  });

  it('offers "Ask about this" on every section', async () => {
    expect((await run()).sections.every((s) => s.ask.verb === 'digest.ask' && s.ask.ref === 'cpb-dec')).toBe(true);
  });
});

describe('a rate against the period before, as the board reads it', () => {
  const shown = (percent: number) => ({ text: `${percent}%`, percent }) as Parameters<typeof trendOf>[0];
  it('says one point, not "1 points", and "no change" rather than "up 0 points"', () => {
    expect(trendOf(shown(50), shown(49))).toBe('50%; before: 49% (up 1 point)');
    expect(trendOf(shown(49), shown(50))).toBe('49%; before: 50% (down 1 point)');
    expect(trendOf(shown(50), shown(50))).toBe('50%; before: 50% (no change)');
    expect(trendOf(shown(60), shown(50))).toBe('60%; before: 50% (up 10 points)');
  });
});

describe('one board period reads the same in every briefing that shows it', () => {
  // The September board's briefing went on 26 August (5 working days before; 31 August is a bank holiday).
  // One initial conference was held on 1 September, after that briefing, and the child's views were not in time.
  const between = meeting(99, 'ICPC', '2026-09-01T10:00:00Z', false);
  const f = { ...facts, voice: inMemoryVoiceFacts([...meetings, between]) };
  const brief = (o: ForumOccurrence, now: Date) => computeCpbBriefing(f, { occurrence: o, now, promises: defaultPromises, guard: piiTextGuard });

  it("the board cannot subtract September's briefing from December's to find the one child whose meeting fell between them", async () => {
    const sep = await brief(forums[1]!, new Date('2026-08-26T08:00:00Z'));
    const dec = await brief(forums[2]!, NOW);
    // December's "before" is September's "since the last briefing", to the day, with the same numbers.
    expect({ since: dec.previousSince, until: dec.since }).toEqual({ since: sep.since, until: sep.until });
    expect(dec.voicePrevious.all).toEqual(sep.voice.all);
    expect(dec.voicePrevious.byType).toEqual(sep.voice.byType);
    expect(dec.trend[2]).toEqual(sep.trend[3]);
    // The meeting between the two briefings is counted once, in December's own period.
    expect(dec.voice.all.d).toBe(26);
    expect((await presentCpb(dec)).period).toBe('For the board on 3 December 2026. Since the last briefing: 26 August 2026 to 25 November 2026.');
  });
});
