import { englandAndWales as cal } from '../calendar/working-days';
import { fixedClock } from '../clock';
import { ADMIN, CHAIR, MANAGER, STRANGER, WORKER, chairPerson, child, meeting, people, InMemoryAudit, InMemoryChairRecords, InMemoryChildren, InMemoryMeetings, InMemoryPeople } from '../testing';
import { openChairRecord, recordChair } from './record-chair';
import { voiceSettings } from './settings';

// A review on Mon 30 Nov 2026; the child born May 2016 (10), the baby born Jan 2024 (2).
function world(at = '2026-11-30T15:00:00Z') {
  return {
    meetings: new InMemoryMeetings([meeting('r', 'CLA_REVIEW', '2026-11-30', { childRef: 'C-a', chairId: CHAIR }), meeting('baby', 'CLA_REVIEW', '2026-11-30', { childRef: 'C-baby', chairId: CHAIR })]),
    children: new InMemoryChildren([child('C-a'), child('C-baby', { birthMonth: '2024-01' })]),
    people: new InMemoryPeople([...people, chairPerson]),
    audit: new InMemoryAudit(), clock: fixedClock(at), calendar: cal, settings: voiceSettings(), chairRecords: new InMemoryChairRecords(),
  };
}
const good = { pnCode: 'PN1', attended: 'yes', metBefore: 'yes', metOn: '2026-11-25', metHow: 'face_to_face', metAlone: 'yes', advocacy: 'told', viewsChangedPlan: 'yes', howChanged: 'Contact with a brother moved to weekends, as the young person asked.' };

describe("the chair's record after the meeting", () => {
  it('saves how the child took part, the reg 36 conversation and how the plan changed, marked as the chair\'s, audited', async () => {
    const w = world();
    const out = await recordChair({ actorId: CHAIR, meetingId: 'r', form: good }, w);
    expect(out.ok).toBe(true);
    expect(await w.chairRecords.get('r')).toMatchObject({ pnCode: 'PN1', pnBy: 'chair', attended: true, metBefore: true, metOn: '2026-11-25', metHow: 'face_to_face', metAlone: true, advocacy: 'told', viewsChangedPlan: true, recordedBy: CHAIR });
    await recordChair({ actorId: CHAIR, meetingId: 'r', form: { ...good, viewsChangedPlan: 'no', howChanged: '' } }, w);
    expect((await w.chairRecords.get('r'))?.viewsChangedPlan).toBe(false);
    expect((await w.audit.listForRecord('meeting', 'r')).map((e) => e.action)).toEqual(['chair.recorded', 'chair.updated']);
  });

  it.each([
    ['PN1 for a child who did not attend', { pnCode: 'PN1', attended: 'no' }, 'pnCode', 'PN1 means the child attended'],
    ['PN4 for a child who did not attend', { pnCode: 'PN4', attended: 'no' }, 'pnCode', 'PN4 means the child attended'],
    ['PN5 for a child who attended', { pnCode: 'PN5', attended: 'yes' }, 'pnCode', 'PN5 means the child did not attend'],
    ['PN7 for a child who attended', { pnCode: 'PN7', attended: 'yes' }, 'pnCode', 'PN7 means the child did not attend'],
    ['PN0 for a child of 10', { pnCode: 'PN0', attended: 'no' }, 'pnCode', 'PN0 is only for a child under 4'],
    ['no attendance', { attended: '' }, 'attended', 'Say whether the child attended'],
    ['met, with no date or way', { metOn: '', metHow: '' }, 'metOn', 'Give the date you met the child'],
    ['met after the meeting', { metOn: '2026-12-01' }, 'metOn', 'after the meeting'],
    ['met, not saying whether on their own (reg 36: in private)', { metAlone: '' }, 'metAlone', 'Say whether you spoke with them on their own'],
    ['no answer on advocacy (the IRO checks the child knows they can have an advocate)', { advocacy: '' }, 'advocacy', 'Say whether the child knows they can have an advocate'],
    ['changed the plan, not saying how', { howChanged: '' }, 'howChanged', 'in general terms'],
    ['a name in how the plan changed', { howChanged: 'Contact with Jayden Smith moved to weekends.' }, 'howChanged', 'identifies someone'],
  ])('refuses %s, naming the field and keeping every entry', async (_what, change, field, words) => {
    const w = world();
    const form = { ...good, ...change };
    const out = await recordChair({ actorId: CHAIR, meetingId: 'r', form }, w);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.errors[field as keyof typeof out.errors]).toContain(words);
    expect(out.form).toEqual(form);
    expect(await w.chairRecords.get('r')).toBeUndefined();
  });

  it('accepts PN0 for a child under 4 on the meeting day, and PN5-PN7 for a child who did not attend', async () => {
    const w = world();
    expect((await recordChair({ actorId: CHAIR, meetingId: 'baby', form: { ...good, pnCode: 'PN0', attended: 'no' } }, w)).ok).toBe(true);
    for (const pnCode of ['PN5', 'PN6', 'PN7']) expect((await recordChair({ actorId: CHAIR, meetingId: 'r', form: { ...good, pnCode, attended: 'no' } }, w)).ok).toBe(true);
  });

  it('refuses a code before the meeting day', async () => {
    const out = await recordChair({ actorId: CHAIR, meetingId: 'r', form: good }, world('2026-11-27T15:00:00Z'));
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.errors.pnCode).toContain('only on or after the meeting day (Mon 30 Nov 2026)');
  });

  it("refuses anyone but the meeting's chair (the child's worker included), in words, audited", async () => {
    const w = world();
    await expect(recordChair({ actorId: WORKER, meetingId: 'r', form: good }, w)).rejects.toMatchObject({ code: 'FORBIDDEN', message: "Only the chair of C-a's meeting can record how the child took part in it." });
    await expect(openChairRecord({ actorId: WORKER, meetingId: 'r' }, w)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await w.audit.listForRecord('child', 'C-a')).map((e) => e.action)).toEqual(['access.refused', 'access.refused']);
    expect(await w.chairRecords.get('r')).toBeUndefined();
  });
});

// A hostile colleague's view: who may open or record the chair's card, on which meetings, and when.
describe("the chair's record, against a colleague who should not", () => {
  const OTHER_CHAIR = '77777777-7777-4777-8777-777777777777';
  const otherChair = { id: OTHER_CHAIR, upn: 'oz@council.example', displayName: 'Oz Otherchair', roles: ['iro' as const] };
  const leaverChair = { ...chairPerson, goneOn: '2026-11-20' };
  function hostile(at = '2026-11-30T15:00:00Z', chair = chairPerson) {
    const w = world(at);
    w.people = new InMemoryPeople([...people, chair, otherChair]);
    w.meetings = new InMemoryMeetings([
      meeting('r', 'CLA_REVIEW', '2026-11-30', { childRef: 'C-a', chairId: CHAIR }),
      meeting('theirs', 'CLA_REVIEW', '2026-11-30', { childRef: 'C-a', chairId: OTHER_CHAIR }),
      meeting('off', 'CLA_REVIEW', '2026-11-30', { childRef: 'C-a', chairId: CHAIR, status: 'cancelled' }),
      meeting('moved', 'CLA_REVIEW', '2026-12-14', { childRef: 'C-a', chairId: CHAIR }),
      meeting('old', 'CLA_REVIEW', '2026-10-01', { childRef: 'C-a', chairId: CHAIR }),
    ]);
    return w;
  }
  const verbs = {
    open: (actorId: string, w: ReturnType<typeof hostile>) => openChairRecord({ actorId, meetingId: 'r' }, w),
    record: (actorId: string, w: ReturnType<typeof hostile>) => recordChair({ actorId, meetingId: 'r', form: good }, w),
  };
  // Each row names the chair's own entry in the staff list too (only the leaver's differs).
  const relations: [string, string, typeof chairPerson][] = [
    ['another chair', OTHER_CHAIR, chairPerson], ["the child's worker", WORKER, chairPerson], ["the worker's manager", MANAGER, chairPerson],
    ['an administrator', ADMIN, chairPerson], ['a stranger', STRANGER, chairPerson], ['the chair, now a leaver', CHAIR, leaverChair],
  ];
  for (const [verb, run] of Object.entries(verbs)) {
    it.each(relations)(`refuses ${verb} to %s, in words, audited, with nothing saved`, async (_who, actorId, chair) => {
      const w = hostile('2026-11-30T15:00:00Z', chair);
      await expect(run(actorId, w)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await w.audit.listForRecord('child', 'C-a')).map((e) => [e.actorId, e.action])).toEqual([[actorId, 'access.refused']]);
      expect(await w.chairRecords.get('r')).toBeUndefined();
    });
    it(`lets the meeting's chair ${verb}, audited`, async () => {
      const w = hostile();
      await run(CHAIR, w);
      expect((await w.audit.listForRecord('meeting', 'r')).map((e) => e.action)).toEqual([verb === 'open' ? 'chair.read' : 'chair.recorded']);
    });
  }

  it("refuses a chair recording on another chair's review", async () => {
    const w = hostile();
    await expect(recordChair({ actorId: CHAIR, meetingId: 'theirs', form: good }, w)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await w.chairRecords.get('theirs')).toBeUndefined();
  });

  it('refuses to record on a cancelled meeting, and says why', async () => {
    const w = hostile();
    await expect(recordChair({ actorId: CHAIR, meetingId: 'off', form: good }, w)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('cancelled') });
    await expect(openChairRecord({ actorId: CHAIR, meetingId: 'off' }, w)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await w.chairRecords.get('off')).toBeUndefined();
    expect((await w.audit.listForRecord('child', 'C-a')).map((e) => [e.actorId, e.action, e.detail?.reason])).toEqual([[CHAIR, 'access.refused', 'cancelled'], [CHAIR, 'access.refused', 'cancelled']]);
  });

  it('refuses a code on a meeting moved to a later day, naming the new day', async () => {
    const out = await recordChair({ actorId: CHAIR, meetingId: 'moved', form: good }, hostile());
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.errors.pnCode).toContain('Mon 14 Dec 2026');
  });

  it('refuses to record more than 20 working days after the meeting (the review record is due by then), and says who can correct it', async () => {
    const w = hostile();
    await expect(recordChair({ actorId: CHAIR, meetingId: 'old', form: good }, w)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('20 working days') });
    expect(await w.chairRecords.get('old')).toBeUndefined();
    expect((await w.audit.listForRecord('child', 'C-a')).map((e) => [e.action, e.detail?.reason])).toEqual([['access.refused', 'too late']]);
    // On the 20th working day after it, still in time.
    const inTime = hostile('2026-10-29T15:00:00Z');
    expect((await recordChair({ actorId: CHAIR, meetingId: 'old', form: { ...good, metOn: '2026-09-28' } }, inTime)).ok).toBe(true);
  });

  it("a chair cannot overwrite what another chair recorded (after the import moved the meeting to them)", async () => {
    const w = hostile();
    await recordChair({ actorId: CHAIR, meetingId: 'r', form: good }, w);
    await w.meetings.upsertMany([meeting('r', 'CLA_REVIEW', '2026-11-30', { childRef: 'C-a', chairId: OTHER_CHAIR })]);
    await expect(recordChair({ actorId: OTHER_CHAIR, meetingId: 'r', form: { ...good, pnCode: 'PN7', attended: 'no' } }, w)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('Iris Reviewer') });
    expect(await w.chairRecords.get('r')).toMatchObject({ pnCode: 'PN1', recordedBy: CHAIR });
    expect((await w.audit.listForRecord('child', 'C-a')).map((e) => e.action)).toContain('access.refused');
  });

  it("the chair the meeting moved to may read the first chair's record, told whose it is, so the card offers no Save", async () => {
    const w = hostile();
    await recordChair({ actorId: CHAIR, meetingId: 'r', form: good }, w);
    await w.meetings.upsertMany([meeting('r', 'CLA_REVIEW', '2026-11-30', { childRef: 'C-a', chairId: OTHER_CHAIR })]);
    expect(await openChairRecord({ actorId: OTHER_CHAIR, meetingId: 'r' }, w)).toMatchObject({ lockedBy: 'Iris Reviewer', record: { recordedBy: CHAIR } });
    w.meetings.byId.set('r', meeting('r', 'CLA_REVIEW', '2026-11-30', { childRef: 'C-a', chairId: CHAIR }));
    expect(await openChairRecord({ actorId: CHAIR, meetingId: 'r' }, w)).not.toHaveProperty('lockedBy');
  });

  it("the chair's record replaces the worker's stand-in code", async () => {
    const w = hostile();
    await w.chairRecords.save({ meetingId: 'r', childRef: 'C-a', pnCode: 'PN7', attended: false, pnBy: 'worker', recordedBy: WORKER, recordedAt: '2026-11-30T12:00:00Z' });
    expect((await recordChair({ actorId: CHAIR, meetingId: 'r', form: good }, w)).ok).toBe(true);
    expect(await w.chairRecords.get('r')).toMatchObject({ pnCode: 'PN1', pnBy: 'chair', recordedBy: CHAIR });
  });
});
