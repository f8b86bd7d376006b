import { ForumSchema, type Forum, type ForumInput } from './forum';
import {
  choiceFromRule,
  describeRule,
  nextOccurrences,
  occurrenceInWords,
  occurrencesBetween,
  parseRule,
  previousOccurrences,
  ruleFromChoice,
  timeInWords,
} from './recurrence';

const forum = (over: Partial<ForumInput> = {}): Forum =>
  ForumSchema.parse({
    id: 'cicc',
    name: 'Children in Care Council',
    type: 'CICC',
    rrule: ruleFromChoice({ frequency: 'monthly', ordinal: 1, weekday: 'WE' }),
    startDate: '2026-01-01',
    time: '17:00',
    place: 'Civic Centre, Room 2',
    createdBy: 'officer',
    updatedAt: '2026-01-01T00:00:00Z',
    ...over,
  });

const iso = (d: Date) => d.toISOString();

describe('forum dates', () => {
  it('"first Wednesday of every month at 17:00" gives the next five dates in words', () => {
    const next = nextOccurrences(forum(), new Date('2026-11-23T10:00:00Z'), 5);
    expect(next.map(occurrenceInWords)).toEqual([
      'Wednesday 2 December 2026 at 5pm',
      'Wednesday 6 January 2027 at 5pm',
      'Wednesday 3 February 2027 at 5pm',
      'Wednesday 3 March 2027 at 5pm',
      'Wednesday 7 April 2027 at 5pm',
    ]);
    expect(describeRule(forum())).toBe('first Wednesday of every month at 5pm');
  });

  it('stays at 17:00 London across the March clock change (GMT, then BST)', () => {
    const next = nextOccurrences(forum(), new Date('2027-02-01T00:00:00Z'), 3);
    expect(next.map((o) => iso(o.start))).toEqual([
      '2027-02-03T17:00:00.000Z', // GMT
      '2027-03-03T17:00:00.000Z', // GMT (clocks go forward 28 March 2027)
      '2027-04-07T16:00:00.000Z', // BST: still 5pm in London
    ]);
  });

  it('stays at 17:00 London across the October clock change (BST, then GMT)', () => {
    const next = nextOccurrences(forum(), new Date('2026-09-01T00:00:00Z'), 3);
    expect(next.map((o) => iso(o.start))).toEqual([
      '2026-09-02T16:00:00.000Z',
      '2026-10-07T16:00:00.000Z', // clocks go back 25 October 2026
      '2026-11-04T17:00:00.000Z',
    ]);
    expect(next.every((o) => o.time === '17:00')).toBe(true);
  });

  it('a weekly Sunday forum keeps its London time on the very day the clocks change', () => {
    const f = forum({ rrule: ruleFromChoice({ frequency: 'weekly', weekday: 'SU' }), startDate: '2026-03-01', time: '10:00' });
    const got = occurrencesBetween(f, new Date('2026-03-21T00:00:00Z'), new Date('2026-04-06T00:00:00Z'));
    expect(got.map((o) => iso(o.start))).toEqual(['2026-03-22T10:00:00.000Z', '2026-03-29T09:00:00.000Z', '2026-04-05T09:00:00.000Z']);
    const back = occurrencesBetween(f, new Date('2026-10-24T00:00:00Z'), new Date('2026-10-26T00:00:00Z'));
    expect(back.map((o) => iso(o.start))).toEqual(['2026-10-25T10:00:00.000Z']);
  });

  it('a moved occurrence shows at its new date and time, and the others stay where they were', () => {
    const f = forum({ overrides: { '2027-01-06': { status: 'moved', date: '2027-01-13', time: '18:30', place: 'Youth Centre' } } });
    const next = nextOccurrences(f, new Date('2026-11-23T10:00:00Z'), 3);
    expect(next.map((o) => [o.originalDate, o.date, o.time, o.status, o.place])).toEqual([
      ['2026-12-02', '2026-12-02', '17:00', 'scheduled', 'Civic Centre, Room 2'],
      ['2027-01-06', '2027-01-13', '18:30', 'moved', 'Youth Centre'],
      ['2027-02-03', '2027-02-03', '17:00', 'scheduled', 'Civic Centre, Room 2'],
    ]);
  });

  it('an occurrence moved past the next one is listed in its new place in time order', () => {
    const f = forum({ overrides: { '2026-12-02': { status: 'moved', date: '2027-01-08', time: '17:00' } } });
    const next = nextOccurrences(f, new Date('2026-11-23T10:00:00Z'), 2);
    expect(next.map((o) => o.date)).toEqual(['2027-01-06', '2027-01-08']);
  });

  it('an occurrence moved into a window from far outside it still appears there', () => {
    const f = forum({ overrides: { '2027-06-02': { status: 'moved', date: '2026-11-30', time: '17:00' } } });
    const got = occurrencesBetween(f, new Date('2026-11-29T00:00:00Z'), new Date('2026-12-01T00:00:00Z'));
    expect(got.map((o) => o.originalDate)).toEqual(['2027-06-02']);
  });

  it('a cancelled occurrence is shown as cancelled, or skipped when asked, without touching the rest', () => {
    const f = forum({ overrides: { '2026-12-02': { status: 'cancelled' } } });
    const all = nextOccurrences(f, new Date('2026-11-23T10:00:00Z'), 2);
    expect(all.map((o) => [o.date, o.status])).toEqual([
      ['2026-12-02', 'cancelled'],
      ['2027-01-06', 'scheduled'],
    ]);
    expect(nextOccurrences(f, new Date('2026-11-23T10:00:00Z'), 2, { skipCancelled: true }).map((o) => o.date)).toEqual([
      '2027-01-06',
      '2027-02-03',
    ]);
    expect(previousOccurrences(f, new Date('2026-12-10T00:00:00Z'), 1, { skipCancelled: true })[0]?.date).toBe('2026-11-04');
  });

  it('a quarterly board on the last Thursday keeps to every third month from its start', () => {
    const f = forum({ type: 'CPB', rrule: ruleFromChoice({ frequency: 'quarterly', ordinal: -1, weekday: 'TH' }), startDate: '2026-01-01', time: '14:00' });
    expect(nextOccurrences(f, new Date('2026-01-01T00:00:00Z'), 4).map((o) => o.date)).toEqual([
      '2026-01-29',
      '2026-04-30',
      '2026-07-30',
      '2026-10-29',
    ]);
    expect(describeRule(f)).toBe('last Thursday of every third month at 2pm');
  });

  it('the editor can show a saved plain rule as the choices it came from', () => {
    for (const choice of [
      { frequency: 'monthly', ordinal: 1, weekday: 'WE' },
      { frequency: 'quarterly', ordinal: -1, weekday: 'TH' },
      { frequency: 'weekly', ordinal: 1, weekday: 'MO' },
      { frequency: 'fortnightly', ordinal: 1, weekday: 'FR' },
    ] as const)
      expect(choiceFromRule(ruleFromChoice(choice))).toEqual(choice);
    expect(choiceFromRule('FREQ=MONTHLY;BYMONTHDAY=15')).toBeUndefined();
  });

  it('a custom RFC 5545 rule works and is described in words', () => {
    const f = forum({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3', startDate: '2026-12-01', time: '10:30' });
    expect(nextOccurrences(f, new Date('2026-11-23T00:00:00Z'), 5).map((o) => o.date)).toEqual(['2026-12-15', '2027-01-15', '2027-02-15']);
    expect(describeRule(f)).toMatch(/every month on the 15th .*at 10:30am/);
  });

  it('refuses rules it cannot read, that repeat more than daily, or that carry their own start', () => {
    expect(() => parseRule('every wednesday')).toThrow(/could not be read/);
    expect(() => parseRule('FREQ=HOURLY')).toThrow(/daily at most/);
    expect(() => parseRule('INTERVAL=2')).toThrow(/FREQ/);
  });

  it('says times the way people do', () => {
    expect(['17:00', '09:30', '12:00', '00:00', '12:15'].map(timeInWords)).toEqual(['5pm', '9:30am', '12 noon', 'midnight', '12:15pm']);
  });
});
