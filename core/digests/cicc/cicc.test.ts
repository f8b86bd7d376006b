import { englandAndWales } from '../../calendar/working-days';
import { defaultPromises } from '../../model/promises';
import { computeCiccDigest } from './cicc';
import { ciccEmptyLines, presentCicc } from './cicc-view';
import { readingLevel } from '../text/reading-level';
import { inMemoryExampleFacts, inMemoryForumCalendar, inMemoryTrackerFacts } from '../../testing';
import type { ExampleFact, ForumOccurrence, TrackerItemFact } from '../ports';
import { ciccSendDate } from './send-cicc';
import { piiTextGuard } from '../text/text-guard';

const forums: ForumOccurrence[] = [
  { id: 'cicc:2026-11-10', forum: 'CICC', start: '2026-11-10T17:00:00Z' },
  { id: 'cicc:2026-12-08', forum: 'CICC', start: '2026-12-08T17:00:00Z' },
];
const CICC = { kind: 'forum', forumId: 'cicc', forumType: 'CICC' } as const;
const item = (id: string, closedAt: string, status: TrackerItemFact['status'], youSaid: string, outcome: string, shareable = true): TrackerItemFact => ({
  id, raisedAt: '2026-09-01T10:00:00Z', due: '2026-12-01', status, closedAt, youSaid, outcome, shareable, raisedBy: CICC,
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

  it('never quotes a text that picks out one young person ("the only deaf young person"), though it was saved before that was checked', async () => {
    const singled = item('t7', '2026-11-24T10:00:00Z', 'done', 'The only deaf young person on the council wanted a BSL interpreter.', 'We book one for every meeting.');
    const d = await computeCiccDigest({ tracker: inMemoryTrackerFacts([...tracker, singled]), examples: inMemoryExampleFacts(examples), forums: inMemoryForumCalendar(forums) }, { occurrence: forums[1]!, now: new Date('2026-12-03T08:00:00Z'), promises: defaultPromises, guard: piiTextGuard });
    expect(JSON.stringify(d)).not.toContain('The only deaf young person');
  });

  it('counts evidence per promise from shareable examples only', async () => {
    const d = await run();
    expect(d.promises.map((p) => p.count)).toEqual([2, 0, 1, 0, 0]);
    expect(d.examples).toMatchObject([
      { text: 'Young people chose the new health leaflet.', promiseIds: ['health'] },
      { text: 'Young people helped plan a careers day.', promiseIds: ['health', 'dreams'] },
    ]);
  });

  it('shows the council\'s own work exactly: small numbers of things done are not hidden', async () => {
    const v = presentCicc(await run());
    expect(v.numbers.map((n) => n.value)).toEqual(['1', '1', '1']);
    expect(v.numbers.map((n) => n.title)).toEqual(['Things we changed', 'Things we are still doing', 'Things we could not do']);
    expect(v.rows.map((r) => r.value)).toEqual(['2', '0', '1', '0', '0']);
    expect(JSON.stringify(v)).not.toMatch(/fewer than/);
  });

  it('tells young people, in order, what changed, what is still being done (who and when), then what could not be done', async () => {
    const v = presentCicc(await run());
    expect(v.examples).toEqual([
      { text: 'Young people chose the new health leaflet.', label: 'Promise: Health' },
      { text: 'Young people helped plan a careers day.', label: 'Promises: Health, Dreams' },
    ]);
    expect(v.working).toEqual([{ youSaid: 'Wifi in every home.', who: 'Who: we will tell you at the meeting.', when: 'When: we said by Tuesday 1 December. We are late with this.', label: '' }]);
    expect(v.notPossible).toEqual([{ youSaid: 'The grant is too small.', why: 'The budget is set until April.', label: '' }]);
  });

  it('says each "You said" once, however many times it was recorded', async () => {
    const again = [...tracker, item('t7', '2026-11-24T10:00:00Z', 'done', 'Bus passes took too long.', 'We now order them the day you move.')];
    const d = await computeCiccDigest({ ...facts, tracker: inMemoryTrackerFacts(again) }, { occurrence: forums[1]!, now: new Date('2026-12-03T08:00:00Z'), promises: defaultPromises, guard: piiTextGuard });
    expect(d.done).toHaveLength(1);
  });
});

const at = (o: Partial<TrackerItemFact> & Pick<TrackerItemFact, 'id' | 'youSaid'>): TrackerItemFact => ({
  raisedAt: '2026-11-12T10:00:00Z', due: '2027-01-29', status: 'open', shareable: true, raisedBy: CICC, ...o,
});
const digestOf = (rows: TrackerItemFact[], exampleRows: ExampleFact[] = []) =>
  computeCiccDigest(
    { tracker: inMemoryTrackerFacts(rows), examples: inMemoryExampleFacts(exampleRows), forums: inMemoryForumCalendar(forums) },
    { occurrence: forums[1]!, now: new Date('2026-12-03T08:00:00Z'), promises: defaultPromises, guard: piiTextGuard },
  );

describe('"You told us" is only what the CICC asked for', () => {
  const rows = [
    at({ id: 'c1', youSaid: 'Reviews should be after school.', status: 'done', closedAt: '2026-11-20T10:00:00Z', outcome: 'Reviews are now after school.' }),
    at({ id: 'u1', youSaid: 'We need help with English lessons.', status: 'done', closedAt: '2026-11-21T10:00:00Z', outcome: 'Every young person new to the country gets lessons.', raisedBy: { kind: 'forum', forumId: 'uasc', forumType: 'UASC' } }),
    at({ id: 'k1', youSaid: 'Homes should have bikes.', status: 'done', closedAt: '2026-11-22T10:00:00Z', outcome: 'Every home has two bikes.', raisedBy: { kind: 'child' } }),
    at({ id: 'f1', youSaid: 'Parents want meetings in the evening.', status: 'done', closedAt: '2026-11-23T10:00:00Z', outcome: 'Family meetings can be after 5pm.', raisedBy: { kind: 'forum', forumId: 'families', forumType: 'SERVICE_USER' } }),
    at({ id: 'x1', youSaid: 'More trips in the holidays.', status: 'done', closedAt: '2026-11-24T10:00:00Z', outcome: 'There are four trips this winter.', raisedBy: undefined }),
    // A child's parents, from their feedback after a meeting: theirs to hear about, not the CICC's.
    at({ id: 'p1', youSaid: 'Reports sent a week before.', status: 'done', closedAt: '2026-11-24T11:00:00Z', outcome: 'Reports now go out a week before.', raisedBy: { kind: 'family' } }),
    // A board member's "Ask about this", answered: the board's question, not something young people said.
    at({ id: 'b1', youSaid: 'Question from the board briefing about the measures by district', status: 'done', closedAt: '2026-11-24T12:00:00Z', outcome: 'The team explained the fall at the board.', raisedBy: { kind: 'board' } }),
    at({ id: 'c2', youSaid: 'Wifi in every home.' }),
    at({ id: 'u2', youSaid: 'A phone for every young person.', raisedBy: { kind: 'forum', forumId: 'uasc', forumType: 'UASC' } }),
    at({ id: 'g2', youSaid: 'Later bedtimes at weekends.', raisedBy: { kind: 'group' } }),
  ];

  it('says "You told us" about the CICC\'s items only; other changes for children in care have their own heading, the families\' forum\'s none', async () => {
    const d = await digestOf(rows);
    expect(d.done.map((x) => x.youSaid)).toEqual(['Reviews should be after school.']);
    expect(d.others.map((x) => x.youSaid)).toEqual(['We need help with English lessons.', 'Homes should have bikes.', 'More trips in the holidays.']);
    const v = presentCicc(d);
    expect(v.othersTitle).toBe('Other changes for children in care');
    expect(JSON.stringify(v)).not.toMatch(/Parents want meetings|Reports sent a week|Question from the board/);
    expect(v.numbers.find((n) => n.figure === 'cicc.items-others')?.value).toBe('3');
  });

  it('counts only the CICC\'s open items as still being worked on', async () => {
    const d = await digestOf(rows);
    expect(d.stillOpen).toBe(1);
    expect(d.stillWorking.map((w) => w.youSaid)).toEqual(['Wifi in every home.']);
    expect(presentCicc(d).numbers.find((n) => n.figure === 'cicc.items-open')?.value).toBe('1');
  });

  it('reports as done an item whose outcome is recorded but the CICC not yet told, and names it to be recorded as told', async () => {
    const d = await digestOf([
      at({ id: 'c3', youSaid: 'We want to meet the councillors.', outcome: 'Two councillors will come to the next meeting.', outcomeKind: 'done' }),
      at({ id: 'c4', youSaid: 'Free gym passes.', outcome: 'The gym is paid for by the county.', outcomeKind: 'not_possible' }),
      at({ id: 'u3', youSaid: 'Maps of the town.', outcome: 'There is a new map.', outcomeKind: 'done', raisedBy: { kind: 'forum', forumId: 'uasc', forumType: 'UASC' } }),
    ]);
    expect(d.done).toMatchObject([{ youSaid: 'We want to meet the councillors.', weDid: 'Two councillors will come to the next meeting.' }]);
    expect(d.notPossible).toMatchObject([{ youSaid: 'Free gym passes.', why: 'The gym is paid for by the county.' }]);
    expect(d.others.map((o) => o.youSaid)).toEqual(['Maps of the town.']);
    expect(d.stillOpen).toBe(0);
    // Only the CICC's own: telling the CICC is not telling the UASC group.
    expect(d.tellsIds.sort()).toEqual(['c3', 'c4']);
  });
});

describe('the words are right whatever is open or done', () => {
  const doneRow = at({ id: 'd', youSaid: 'Reviews should be after school.', status: 'done', closedAt: '2026-11-20T10:00:00Z', outcome: 'Reviews are now after school.' });
  const openRow = at({ id: 'o', youSaid: 'Wifi in every home.' });
  const lines = async (rows: TrackerItemFact[]) => {
    const v = presentCicc(await digestOf(rows));
    return { doneEmpty: v.doneEmpty, workingEmpty: v.workingEmpty, all: `${v.doneEmpty} ${v.workingEmpty}` };
  };

  it('nothing open and nothing done: no news, and nothing claimed as done', async () => {
    const l = await lines([]);
    expect(l.doneEmpty).toBe('We have no news for you about things you asked for. Tell us at the meeting what you want to change.');
    expect(l.workingEmpty).toBe('We are not working on anything else you asked for right now.');
    expect(l.all).not.toMatch(/done all/);
  });

  it('something open, nothing done: not finished yet, and the open things listed', async () => {
    const l = await lines([openRow]);
    expect(l.doneEmpty).toBe('None of the things you asked for is finished yet. Below you can see what we are doing, and when.');
    expect(l.workingEmpty).toBe('');
  });

  it('something done, nothing open: done all the things, never "still working on"', async () => {
    const l = await lines([doneRow]);
    expect(l.doneEmpty).toBe('');
    expect(l.workingEmpty).toBe('We have done all the things you asked for.');
    expect(l.all).not.toMatch(/still working/i);
  });

  it('both done and open: each listed, with no "done all the things"', async () => {
    const v = presentCicc(await digestOf([doneRow, openRow]));
    expect([v.doneEmpty, v.workingEmpty]).toEqual(['', '']);
    expect(v.done).toHaveLength(1);
    expect(v.working).toHaveLength(1);
  });

  it('open items none of which can be shown: "still working on some things", never "done all"', () => {
    expect(ciccEmptyLines({ done: 1, notPossible: 0, open: 2, openShown: 0, examples: 0 })).toEqual({
      doneEmpty: '',
      workingEmpty: 'We are still working on some things. We will tell you about them at the meeting.',
    });
  });

  it('nothing open, some not possible: not "done all the things you asked for"', () => {
    expect(ciccEmptyLines({ done: 1, notPossible: 1, open: 0, openShown: 0, examples: 0 }).workingEmpty).toBe('We are not working on anything else you asked for right now.');
    expect(ciccEmptyLines({ done: 0, notPossible: 1, open: 0, openShown: 0, examples: 0 }).doneEmpty).toBe('We could not do what you asked for this time. You can see why below.');
  });

  it('every line reads at age 11 or below', () => {
    const all = [0, 1].flatMap((done) => [0, 1].flatMap((notPossible) => [0, 2].flatMap((open) => [0, 1].map((openShown) => ciccEmptyLines({ done, notPossible, open, openShown, examples: open })))));
    for (const l of all) for (const text of [l.doneEmpty, l.workingEmpty].filter(Boolean)) expect(readingLevel(text).readingAge).toBeLessThanOrEqual(11);
  });
});
