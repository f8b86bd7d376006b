import { nextCpbMeeting, previousCpbMeeting } from './board-rhythm';
import { ForumSchema } from './forum';

const base = { rrule: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=-1TH', startDate: '2026-01-01', time: '14:00', place: 'Town Hall', createdBy: 'o', updatedAt: '2026-01-01T00:00:00Z' };
const cpb = ForumSchema.parse({ ...base, id: 'cpb', name: 'Corporate Parenting Board', type: 'CPB', overrides: { '2026-10-29': { status: 'cancelled' } } });
const cicc = ForumSchema.parse({ ...base, id: 'cicc', name: 'CICC', type: 'CICC', rrule: 'FREQ=WEEKLY;BYDAY=MO' });

describe("the board's rhythm", () => {
  it('the next and previous board meetings skip cancelled ones and ignore other forums', () => {
    const now = new Date('2026-09-01T00:00:00Z');
    expect(nextCpbMeeting([cicc, cpb], now)?.occurrence.date).toBe('2027-01-28');
    expect(previousCpbMeeting([cicc, cpb], now)?.occurrence.date).toBe('2026-07-30');
    expect(nextCpbMeeting([cicc], now)).toBeUndefined();
  });

  it('a board meeting counts as previous only once it has started', () => {
    expect(previousCpbMeeting([cpb], new Date('2026-07-30T12:59:00Z'))?.occurrence.date).toBe('2026-04-30');
    expect(previousCpbMeeting([cpb], new Date('2026-07-30T13:00:01Z'))?.occurrence.date).toBe('2026-07-30');
  });

  it('the briefing can read both anchors from the store in one go', async () => {
    const { cpbRhythm } = await import('./board-rhythm');
    const got = await cpbRhythm({ list: async () => [cpb, cicc] }, new Date('2026-09-01T00:00:00Z'));
    expect([got.previous?.occurrence.date, got.next?.occurrence.date]).toEqual(['2026-07-30', '2027-01-28']);
  });
});
