import { englandAndWales as cal } from '../calendar/working-days';
import { fixedClock } from '../clock';
import { MANAGER, WORKER, child, meeting, people, InMemoryAudit, InMemoryChildren, InMemoryDeliveries, InMemoryMeetings, InMemoryNudgeState, InMemoryPeople, InMemoryVoiceRecords } from '../testing';
import type { EscalationDigestView, NudgeDigestView } from './nudge-view';
import { runNudgeScan } from './scan';
import { voiceSettings } from './settings';
import { reportUndelivered } from './undelivered';

function world() {
  const p = new InMemoryPeople(people);
  const m = meeting('a', 'FGC', '2026-11-30');
  return {
    meetings: new InMemoryMeetings([m]), children: new InMemoryChildren([child(m.childRef)]), people: p, managers: p,
    voice: new InMemoryVoiceRecords(), nudges: new InMemoryNudgeState(), outbox: new InMemoryDeliveries(), delivery: undefined as unknown as InMemoryDeliveries,
    audit: new InMemoryAudit(), clock: fixedClock('2026-11-23T08:30:00Z'), calendar: cal, settings: voiceSettings(),
    cards: { nudgeDigest: (v: NudgeDigestView) => ({ nudge: v }), escalationDigest: (v: EscalationDigestView) => ({ escalation: v }) },
  };
}

describe('a nudge that cannot be delivered', () => {
  it('is reported to the worker\'s manager with the escalation card, once, and audited', async () => {
    const w = world();
    w.delivery = w.outbox;
    await runNudgeScan(w);
    const nudgeKey = w.outbox.sent[0]!.dedupeKey;
    expect(await reportUndelivered(w)).toEqual({ checked: 1, undeliverable: 0 }); // still pending
    w.outbox.outcomes.set(nudgeKey, 'undeliverable'); // the worker has not installed the app
    expect(await reportUndelivered(w)).toEqual({ checked: 1, undeliverable: 1 });
    const toManager = w.outbox.sent.filter((s) => s.to.kind === 'person' && s.to.personId === MANAGER);
    expect(toManager).toHaveLength(1);
    expect((toManager[0]!.card as { escalation: EscalationDigestView }).escalation.items[0]).toMatchObject({ meetingId: 'a', reason: 'undeliverable', workerId: WORKER });
    expect(w.audit.entries.map((e) => e.action)).toContain('nudge.undeliverable');
    expect(await reportUndelivered(w)).toEqual({ checked: 0, undeliverable: 0 });
  });

  it('a delivered nudge is not reported', async () => {
    const w = world();
    w.delivery = w.outbox;
    await runNudgeScan(w);
    w.outbox.outcomes.set(w.outbox.sent[0]!.dedupeKey, 'delivered');
    expect(await reportUndelivered(w)).toEqual({ checked: 1, undeliverable: 0 });
    expect(w.outbox.sent).toHaveLength(1);
  });
});
