import { englandAndWales } from '../calendar/working-days';
import { defaultPromises } from '../model/promises';
import { computeCiccDigest } from './cicc';
import { presentCicc } from './cicc-view';
import { inMemoryExampleFacts, inMemoryForumCalendar, inMemoryTrackerFacts } from './in-memory-facts';
import type { ExampleFact, ForumOccurrence, TrackerItemFact } from './ports';
import { ciccSendDate } from './send-cicc';
import { piiTextGuard } from './text-guard';

const forums: ForumOccurrence[] = [
  { id: 'cicc-nov', forum: 'CICC', start: '2026-11-10T17:00:00Z' },
  { id: 'cicc-dec', forum: 'CICC', start: '2026-12-08T17:00:00Z' },
];
const item = (id: string, closedAt: string, status: TrackerItemFact['status'], youSaid: string, outcome: string, shareable = true): TrackerItemFact => ({
  id, raisedAt: '2026-09-01T10:00:00Z', due: '2026-12-01', status, closedAt, youSaid, outcome, shareable,
});
const tracker = [
  item('t1', '2026-11-20T10:00:00Z', 'done', 'Bus passes took too long.', 'We now order them the day you move.'),
  item('t2', '2026-11-21T10:00:00Z', 'not_possible', 'The grant is too small.', 'The budget is set until April.'),
  item('t3', '2026-11-22T10:00:00Z', 'done', 'Reviews are boring.', 'We spoke to Priya Patel about it.'), // fails the PII guard
  item('t4', '2026-11-23T10:00:00Z', 'done', 'More clubs.', 'We pay for one club.', false), // never marked shareable
  item('t5', '2026-11-01T10:00:00Z', 'done', 'Old news.', 'Before the last meeting.'),
  { ...item('t6', '', 'open', 'Wifi in every home.', ''), closedAt: undefined, outcome: undefined },
];
const ex = (id: string, recordedAt: string, promiseIds: string[], summary: string, shareable = true): ExampleFact => ({
  id, recordedAt, promiseIds, mode: 'consulted_informed', shareable, summary,
});
const examples = [
  ex('e1', '2026-11-12T10:00:00Z', ['health'], 'Young people chose the new health leaflet.'),
  ex('e2', '2026-11-13T10:00:00Z', ['health', 'dreams'], 'Young people helped plan a careers day.'),
  ex('e3', '2026-11-14T10:00:00Z', ['health'], 'Private note about a child.', false),
  ex('e4', '2026-11-02T10:00:00Z', ['health'], 'Before the last meeting.'),
];
const facts = { tracker: inMemoryTrackerFacts(tracker), examples: inMemoryExampleFacts(examples), forums: inMemoryForumCalendar(forums) };
const run = () => computeCiccDigest(facts, { occurrence: forums[1]!, now: new Date('2026-12-03T08:00:00Z'), promises: defaultPromises, guard: piiTextGuard });

describe('the CICC digest', () => {
  it('goes out 3 working days before the meeting by default', () => {
    expect(ciccSendDate(forums[1]!, englandAndWales, 3)).toBe('2026-12-03');
  });

  it('says what we did and what we could not do since the last meeting, from shareable texts only', async () => {
    const d = await run();
    expect(d.since).toBe('2026-11-10T17:00:00.000Z');
    expect(d.done).toEqual([{ id: 't1', youSaid: 'Bus passes took too long.', weDid: 'We now order them the day you move.' }]);
    expect(d.notPossible).toEqual([{ id: 't2', youSaid: 'The grant is too small.', why: 'The budget is set until April.' }]);
    expect(d.stillOpen).toBe(1);
    expect(d.stillWorking).toEqual([{ id: 't6', youSaid: 'Wifi in every home.', due: '2026-12-01', late: true, who: undefined, promiseId: undefined }]);
  });

  it('counts evidence per promise from shareable examples only', async () => {
    const d = await run();
    expect(d.promises.map((p) => p.count)).toEqual([2, 0, 1, 0, 0]);
    expect(d.examples).toEqual([
      { text: 'Young people chose the new health leaflet.', promiseIds: ['health'] },
      { text: 'Young people helped plan a careers day.', promiseIds: ['health', 'dreams'] },
    ]);
  });

  it('shows the council\'s own work exactly: small numbers of things done are not hidden', async () => {
    const v = presentCicc(await run());
    expect(v.numbers.map((n) => n.value)).toEqual(['1', '1', '1']);
    expect(v.rows.map((r) => r.value)).toEqual(['2', '0', '1', '0', '0']);
    expect(JSON.stringify(v)).not.toMatch(/fewer than/);
  });

  it('tells young people, in order, what changed, what is still being done (who and when), then what could not be done', async () => {
    const v = presentCicc(await run());
    expect(v.examples).toEqual([
      { text: 'Young people chose the new health leaflet.', label: 'Promise: Health' },
      { text: 'Young people helped plan a careers day.', label: 'Promises: Health, Dreams' },
    ]);
    expect(v.working).toEqual([{ youSaid: 'Wifi in every home.', who: 'Who: the participation team will tell you.', when: 'When: we said by Tuesday 1 December. We are late with this.', label: '' }]);
    expect(v.notPossible).toEqual([{ youSaid: 'The grant is too small.', why: 'The budget is set until April.', label: '' }]);
  });

  it('says each "You said" once, however many times it was recorded', async () => {
    const again = [...tracker, item('t7', '2026-11-24T10:00:00Z', 'done', 'Bus passes took too long.', 'We now order them the day you move.')];
    const d = await computeCiccDigest({ ...facts, tracker: inMemoryTrackerFacts(again) }, { occurrence: forums[1]!, now: new Date('2026-12-03T08:00:00Z'), promises: defaultPromises, guard: piiTextGuard });
    expect(d.done).toHaveLength(1);
  });
});
