import { InMemoryAudit, InMemoryChairRecords, InMemoryChildren, InMemoryExampleStore, InMemoryMeetings, InMemoryTrackerStore, InMemoryVoiceRecords, ADMIN, WORKER, child, meeting } from '../testing';
import { isStale } from '../voice/freshness';
import { voiceSettings } from '../voice/settings';
import { exportEvidence, type EvidenceDeps } from './export';

describe("an inspector's voice evidence reads each meeting as the digests do", () => {
  it('views gathered too long before a review that moved later are marked stale, not recorded, and the meeting day is the London day', async () => {
    // A review at 00:30 London on 1 July (23:30 UTC on 30 June), its views gathered in March for its first date.
    const late = { ...meeting('moved', 'CLA_REVIEW', '2026-07-01'), start: '2026-06-30T23:30:00.000Z' };
    const fresh = meeting('fresh', 'CLA_REVIEW', '2026-07-08');
    const voice = new InMemoryVoiceRecords();
    const record = (m: typeof late, gatheredOn: string) => voice.save({ meetingId: m.id, childRef: m.childRef, voiceBy: '2026-03-20', methods: ['direct_work'], declined: false, gatheredOn, prepared: true, sharedWith: ['chair'], recordedBy: WORKER, recordedAt: `${gatheredOn}T12:00:00.000Z` });
    await record(late, '2026-03-16');
    await record(fresh, '2026-07-01');
    const settings = voiceSettings();
    const deps: EvidenceDeps = {
      meetings: new InMemoryMeetings([late, fresh]),
      children: new InMemoryChildren([child(late.childRef), child(fresh.childRef)]),
      voice,
      chairRecords: new InMemoryChairRecords(),
      isStale: (r, m) => isStale(r, m, settings),
      examples: new InMemoryExampleStore(),
      items: new InMemoryTrackerStore(),
      audit: new InMemoryAudit(),
    };
    const { csv } = await exportEvidence(deps, { actor: { id: ADMIN, roles: ['admin'] }, kind: 'voice', period: { from: '2026-07-01', to: '2026-07-31' }, teamId: 'north', via: 'test' });
    const [head, ...rows] = csv.trim().split(/\r?\n/).map((l) => l.split(','));
    const col = (name: string) => head!.indexOf(name);
    expect(rows.map((r) => [r[col('meetingId')], r[col('meetingDate')], r[col('status')]])).toEqual([['moved', '2026-07-01', 'stale'], ['fresh', '2026-07-08', 'recorded']]);
  });
});
