import { englandAndWales } from '../../calendar/working-days';
import { defaultPromises } from '../../model/promises';
import type { OutgoingMessage } from '../../model/messaging';
import { demoCouncil } from '../../../scripts/demo/digest-council';
import { inMemoryExampleFacts, inMemoryTrackerFacts, inMemoryVoiceFacts } from '../../testing';
import { sendWeeklyDigests } from './send-weekly';
import { weeklyDigestDue } from '../period';
import type { WeeklyDigestView } from './weekly-view';

const MANAGER = '00000000-0000-4000-8000-000000000001';
const setup = (channels: Record<string, string> = {}) => {
  const demo = demoCouncil({ now: new Date('2026-11-23T08:00:00Z') });
  const sent: OutgoingMessage[] = [];
  const keys = new Set<string>();
  const deps = {
    facts: { voice: inMemoryVoiceFacts(demo.meetings), examples: inMemoryExampleFacts(demo.examples), tracker: inMemoryTrackerFacts(demo.tracker) },
    teams: { list: async () => demo.teams.map((t) => ({ ...t, managerId: MANAGER })) },
    outbox: { enqueue: async (m: OutgoingMessage) => (keys.has(m.dedupeKey) ? false : (keys.add(m.dedupeKey), sent.push(m), true)) },
    calendar: englandAndWales,
    promises: defaultPromises,
    teamChannel: async (id: string) => channels[id],
    render: (v: WeeklyDigestView) => [v as unknown as object],
  };
  return { deps, sent, demo };
};

describe('when the weekly digest goes out', () => {
  it('is due from 08:00 London on Monday, not before, and not on Tuesday', () => {
    expect(weeklyDigestDue(new Date('2026-11-23T07:59:00Z'), englandAndWales).due).toBe(false);
    expect(weeklyDigestDue(new Date('2026-11-23T08:00:00Z'), englandAndWales).due).toBe(true);
    expect(weeklyDigestDue(new Date('2026-11-24T08:00:00Z'), englandAndWales).due).toBe(false);
  });

  it('waits for Tuesday after a bank-holiday Monday, at 08:00 British Summer Time', () => {
    expect(weeklyDigestDue(new Date('2026-08-31T07:00:00Z'), englandAndWales).due).toBe(false); // bank holiday
    expect(weeklyDigestDue(new Date('2026-09-01T06:59:00Z'), englandAndWales).due).toBe(false);
    expect(weeklyDigestDue(new Date('2026-09-01T07:00:00Z'), englandAndWales)).toEqual({ due: true, weekStart: '2026-08-31' });
  });

  it('sends each manager one digest a week however often the hourly timer runs', async () => {
    const { deps, sent } = setup();
    const first = await sendWeeklyDigests(deps, new Date('2026-11-23T08:05:00Z'));
    const again = await sendWeeklyDigests(deps, new Date('2026-11-23T09:05:00Z'));
    expect(first.enqueued).toBe(4);
    expect(again).toMatchObject({ enqueued: 0, unchanged: 4 });
    expect(sent.every((m) => m.to.kind === 'person' && m.kind === 'digest.weekly')).toBe(true);
  });

  it("lists the manager's own cases by reference in 1:1, but only totals in a team channel", async () => {
    const { deps, sent } = setup({ 'north-cp': 'chan-north-cp' });
    await sendWeeklyDigests(deps, new Date('2026-11-23T08:05:00Z'));
    const channel = sent.find((m) => m.to.kind === 'channel')!.card as unknown as WeeklyDigestView;
    const personal = sent.filter((m) => m.to.kind === 'person').map((m) => m.card as unknown as WeeklyDigestView);
    expect(channel.upcomingRows).toEqual([]);
    expect(channel.audienceNote).toMatch(/fewer than 5/);
    expect(personal.some((v) => v.upcomingRows.length > 0)).toBe(true);
    expect(JSON.stringify(channel)).not.toMatch(/DBC-\d+/);
  });
});
