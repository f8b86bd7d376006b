import { englandAndWales as cal } from '../calendar/working-days';
import { fixedClock } from '../clock';
import { DomainError } from '../errors';
import { ADMIN, MANAGER, STRANGER, WORKER, child, meeting, people, InMemoryAudit, InMemoryChildren, InMemoryMeetings, InMemoryNudgeState, InMemoryPeople, InMemoryTeams, InMemoryVoiceRecords } from '../testing';
import { recordVoice } from './record';
import { voiceSettings } from './settings';
import { snoozeNudge } from './snooze';
import type { VoiceForm } from './voice-record';

const NOW = '2026-11-23T10:00:00Z';
function world(over: { child?: Parameters<typeof child>[1]; meeting?: Parameters<typeof meeting>[3]; type?: Parameters<typeof meeting>[1] } = {}) {
  const m = meeting('m1', over.type ?? 'ICPC', '2026-12-02', over.meeting);
  return {
    meetings: new InMemoryMeetings([m]),
    children: new InMemoryChildren([child(m.childRef, over.child)]),
    people: new InMemoryPeople(people),
    teams: new InMemoryTeams([{ id: 'north', name: 'North', district: 'N' }]),
    voice: new InMemoryVoiceRecords(),
    nudges: new InMemoryNudgeState(),
    audit: new InMemoryAudit(),
    clock: fixedClock(NOW),
    calendar: cal,
    settings: voiceSettings(),
  };
}
const good: VoiceForm = {
  methods: 'mind_of_my_own,direct_work', gatheredOn: '2026-11-20', gatheredBy: 'worker', prepared: 'yes', attendance: 'will_not_attend', sharedWith: 'chair', note: 'MOMO statement sent to chair',
};

describe('recording how a child\'s views were gathered', () => {
  it('the allocated worker records how, when and by whom views were gathered, and the audit trail says who and what', async () => {
    const w = world();
    const out = await recordVoice({ actorId: WORKER, meetingId: 'm1', form: good }, w);
    expect(out).toMatchObject({ ok: true, record: { methods: ['mind_of_my_own', 'direct_work'], gatheredBy: 'worker', voiceBy: '2026-11-30', sharedWith: ['chair'] } });
    expect((await w.voice.get('m1'))?.pnCode).toBeUndefined();
    expect(w.audit.entries).toEqual([expect.objectContaining({ actorId: WORKER, action: 'voice.recorded', recordId: 'm1', detail: expect.objectContaining({ as: 'worker', methods: ['mind_of_my_own', 'direct_work'], gatheredBy: 'worker' }) })]);
  });

  it('the worker is no longer asked for the PN code before the meeting: one sent anyway is not kept', async () => {
    const w = world();
    const out = await recordVoice({ actorId: WORKER, meetingId: 'm1', form: { ...good, pnCode: 'PN1' } as VoiceForm }, w);
    expect(out.ok).toBe(true);
    expect((await w.voice.get('m1'))?.pnCode).toBeUndefined();
  });

  it('who gathered the views is optional, but must be one of the choices', async () => {
    const { gatheredBy: _, ...without } = good;
    expect(await recordVoice({ actorId: WORKER, meetingId: 'm1', form: without }, world())).toMatchObject({ ok: true, record: { methods: ['mind_of_my_own', 'direct_work'] } });
    expect(await recordVoice({ actorId: WORKER, meetingId: 'm1', form: { ...good, gatheredBy: 'neighbour' } }, world())).toMatchObject({ ok: false, errors: { gatheredBy: expect.stringMatching(/who gathered/) } });
  });

  it('an assessment has no meeting: attendance is not asked, and not needed', async () => {
    const { attendance: _, ...without } = good;
    const w = world({ type: 'ASSESSMENT' });
    const out = await recordVoice({ actorId: WORKER, meetingId: 'm1', form: without }, w);
    expect(out).toMatchObject({ ok: true });
    expect((await w.voice.get('m1'))?.attendance).toBeUndefined();
  });

  it('a child who declined to share their views is a valid record, with no method needed', async () => {
    const out = await recordVoice({ actorId: WORKER, meetingId: 'm1', form: { ...good, methods: '', declined: 'true' } }, world());
    expect(out).toMatchObject({ ok: true, record: { declined: true, methods: [] } });
  });

  it('an incomplete form names each problem beside its field and saves nothing', async () => {
    const w = world();
    const out = await recordVoice({ actorId: WORKER, meetingId: 'm1', form: { note: 'x' } }, w);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(Object.keys(out.errors).sort()).toEqual(['attendance', 'gatheredOn', 'methods', 'prepared']);
    expect(out.errors.methods).toMatch(/declined/);
    expect(await w.voice.get('m1')).toBeUndefined();
  });

  it('a date in the future is refused', async () => {
    const out = await recordVoice({ actorId: WORKER, meetingId: 'm1', form: { ...good, gatheredOn: '2026-11-24' } }, world());
    expect(out).toMatchObject({ ok: false, errors: { gatheredOn: 'That date is in the future.' } });
  });

  it('the note is kept short: the child\'s own words belong in the case record', async () => {
    const out = await recordVoice({ actorId: WORKER, meetingId: 'm1', form: { ...good, note: 'x'.repeat(301) } }, world());
    expect(out).toMatchObject({ ok: false, errors: { note: expect.stringMatching(/case record/) } });
  });
});

describe('advocacy before a first child protection conference', () => {
  const first = { meeting: { first: true } };
  it('must be answered for a child of 5 or over', async () => {
    const out = await recordVoice({ actorId: WORKER, meetingId: 'm1', form: good }, world({ ...first, child: { birthMonth: '2020-01' } }));
    expect(out).toMatchObject({ ok: false, errors: { advocacyOffered: expect.stringMatching(/must be offered/) } });
  });
  it('counts a child in their fifth-birthday month as old enough (we only know month and year)', async () => {
    const out = await recordVoice({ actorId: WORKER, meetingId: 'm1', form: good }, world({ ...first, child: { birthMonth: '2021-12' } }));
    expect(out.ok).toBe(false);
  });
  it('is not required for a three-year-old, nor at a review conference', async () => {
    expect((await recordVoice({ actorId: WORKER, meetingId: 'm1', form: good }, world({ ...first, child: { birthMonth: '2023-06' } }))).ok).toBe(true);
    expect((await recordVoice({ actorId: WORKER, meetingId: 'm1', form: good }, world({ type: 'RCPC' }))).ok).toBe(true);
  });
  it('is required for a child new to care, and the answer is kept', async () => {
    const w = world({ type: 'CLA_REVIEW', child: { newToCare: true } });
    expect((await recordVoice({ actorId: WORKER, meetingId: 'm1', form: good }, w)).ok).toBe(false);
    const out = await recordVoice({ actorId: WORKER, meetingId: 'm1', form: { ...good, advocacyOffered: 'yes' } }, w);
    expect(out).toMatchObject({ ok: true, record: { advocacyOffered: true } });
  });
  it('follows the council\'s age setting', async () => {
    const w = { ...world({ ...first, child: { birthMonth: '2020-01' } }), settings: voiceSettings({ advocacyMinAge: 8 }) };
    expect((await recordVoice({ actorId: WORKER, meetingId: 'm1', form: good }, w)).ok).toBe(true);
  });
});

describe('who may act for a child', () => {
  it('the worker\'s line manager and an admin may record; the audit says in which capacity', async () => {
    const w = world();
    await recordVoice({ actorId: MANAGER, meetingId: 'm1', form: good }, w);
    await recordVoice({ actorId: ADMIN, meetingId: 'm1', form: good }, w);
    expect(w.audit.entries.map((e) => [e.action, e.detail.as])).toEqual([['voice.recorded', 'manager'], ['voice.updated', 'admin']]);
  });
  it('anyone else gets a clear refusal, nothing is saved, and the attempt is audited', async () => {
    const w = world();
    const attempt = recordVoice({ actorId: STRANGER, meetingId: 'm1', form: good }, w);
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/allocated worker/) });
    expect(await w.voice.get('m1')).toBeUndefined();
    expect(w.audit.entries).toEqual([expect.objectContaining({ action: 'access.refused', actorId: STRANGER, recordType: 'child', detail: { action: 'voice.record' } })]);
  });
  it('a stranger cannot snooze the nudges either; the worker can, and it is audited', async () => {
    const w = world();
    await expect(snoozeNudge({ actorId: STRANGER, meetingId: 'm1' }, w)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await snoozeNudge({ actorId: WORKER, meetingId: 'm1' }, w)).toEqual({ until: '2026-11-24' });
    expect(w.audit.entries.map((e) => [e.action, e.actorId])).toEqual([['access.refused', STRANGER], ['voice.snoozed', WORKER]]);
    expect(w.audit.entries[1]).toMatchObject({ detail: { until: '2026-11-24' } });
  });

  it('attendance is only a forecast before the meeting: any answer goes with any way of gathering views (the code is checked after)', async () => {
    for (const attendance of ['will_attend', 'will_chair', 'will_not_attend'])
      expect((await recordVoice({ actorId: WORKER, meetingId: 'm1', form: { ...good, attendance } }, world())).ok).toBe(true);
  });

  it('views gathered too long before the meeting are refused as stale: a month for an ICPC, three months for a review', async () => {
    // The ICPC is on Wednesday 2 December 2026: views from before 2 November no longer count.
    const icpc = await recordVoice({ actorId: WORKER, meetingId: 'm1', form: { ...good, gatheredOn: '2026-11-01' } }, world());
    expect(icpc).toMatchObject({ ok: false, errors: { gatheredOn: 'Views gathered more than a month before the meeting no longer count: please ask the child again (or record that they declined).' } });
    expect((await recordVoice({ actorId: WORKER, meetingId: 'm1', form: { ...good, gatheredOn: '2026-11-02' } }, world())).ok).toBe(true);
    const review = world({ type: 'CLA_REVIEW' });
    expect(await recordVoice({ actorId: WORKER, meetingId: 'm1', form: { ...good, gatheredOn: '2026-09-01' } }, review)).toMatchObject({ ok: false, errors: { gatheredOn: expect.stringContaining('more than 3 months') } });
    expect((await recordVoice({ actorId: WORKER, meetingId: 'm1', form: { ...good, gatheredOn: '2026-09-02' } }, review)).ok).toBe(true);
  });

  it('a council can set how long views stay fresh for each meeting type', async () => {
    const w = { ...world({ type: 'CLA_REVIEW' }), settings: voiceSettings({ types: { CLA_REVIEW: { voiceByWorkingDaysBefore: 0, nudges: [10, 5, 2], freshMonths: 6 } } }) };
    expect((await recordVoice({ actorId: WORKER, meetingId: 'm1', form: { ...good, gatheredOn: '2026-07-01' } }, w)).ok).toBe(true);
  });
});
