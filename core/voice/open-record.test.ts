import { englandAndWales as cal } from '../calendar/working-days';
import { fixedClock } from '../clock';
import { MANAGER, STRANGER, WORKER, child, meeting, people, InMemoryAudit, InMemoryChildren, InMemoryMeetings, InMemoryPeople, InMemoryTeams, InMemoryVoiceRecords } from '../testing';
import { openVoiceRecord } from './open-record';
import { voiceSettings } from './settings';

function world() {
  const m = meeting('m1', 'ICPC', '2026-12-02');
  return {
    meetings: new InMemoryMeetings([m]),
    children: new InMemoryChildren([child(m.childRef)]),
    people: new InMemoryPeople(people),
    teams: new InMemoryTeams([{ id: 'north', name: 'North', district: 'N' }]),
    voice: new InMemoryVoiceRecords(),
    audit: new InMemoryAudit(),
    clock: fixedClock('2026-11-23T10:00:00Z'),
    calendar: cal,
    settings: voiceSettings(),
    childRef: m.childRef,
  };
}

describe('opening a child\'s voice record', () => {
  it('is a read of the child\'s data: who opened which child\'s record, and as what, is audited', async () => {
    const w = world();
    await openVoiceRecord({ actorId: WORKER, meetingId: 'm1' }, w);
    await openVoiceRecord({ actorId: MANAGER, meetingId: 'm1' }, w);
    expect(w.audit.entries.map((e) => [e.actorId, e.action, e.recordType, e.recordId, e.detail])).toEqual([
      [WORKER, 'voice.read', 'meeting', 'm1', { childRef: w.childRef, as: 'worker', recorded: false }],
      [MANAGER, 'voice.read', 'meeting', 'm1', { childRef: w.childRef, as: 'manager', recorded: false }],
    ]);
  });

  it('someone with no relation to the child is refused, the refusal audited, and nothing is read', async () => {
    const w = world();
    await expect(openVoiceRecord({ actorId: STRANGER, meetingId: 'm1' }, w)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(w.audit.entries.map((e) => e.action)).toEqual(['access.refused']);
  });
});
