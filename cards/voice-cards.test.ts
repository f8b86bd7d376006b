import { englandAndWales as cal } from '../core/calendar';
import { child, meeting } from '../core/testing';
import { nudgeItemView, scheduleFor, voiceSettings } from '../core/voice';
import { VoiceActionSchema } from './voice-actions';
import { chairRecordCard, coverCard, coverNoticeCard, escalationDigestCard, nudgeDigestCard, recordVoiceCard } from './voice-cards';
import { walk, type Node } from '../tests/support/card-nodes';

const executes = (card: object) => walk(card).filter((n) => n.type === 'Action.Execute') as { verb: string; data: Node; title: string }[];
const texts = (card: object) => walk(card).flatMap((n) => (typeof n.text === 'string' ? [n.text] : []));

const settings = voiceSettings({ showInitials: true, caseRecordUrl: 'https://lcs.example/child?ref={ref}' });
const item = (id: string, ref: string, initials?: string) => {
  const m = meeting(id, 'ICPC', '2026-12-02', { childRef: ref });
  return nudgeItemView({ meeting: m, child: child(ref, { initials }), schedule: scheduleFor(m, settings, cal), today: '2026-11-23', settings, calendar: cal });
};

describe('the nudge card', () => {
  const card = nudgeDigestCard({ recipientId: 'w', date: '2026-11-23', items: [item('m1', 'C-101', 'AB'), item('m2', 'C-202')] });

  it('lists each meeting by case reference (with initials when the council allows), in plain English, with the deadline', () => {
    expect(texts(card)).toEqual(expect.arrayContaining(["Time to gather 2 children's views", 'C-101 (AB): Initial child protection conference', 'C-202: Initial child protection conference']));
    const facts = walk(card).filter((n) => n.title === 'Meeting' || n.title === 'Deadline').map((n) => n.value);
    expect(facts).toContain('Wed 2 Dec 2026 at 10:00 (7 working days away)');
    expect(facts).toContain('Views by Mon 30 Nov 2026, for the report');
  });

  it('gives each meeting its own buttons, a case-record link, and refreshes in place (Universal Actions, 1.5)', () => {
    expect(card.version).toBe('1.5');
    expect((card.refresh as { action: { verb: string } }).action.verb).toBe('voice.refresh');
    const opens = executes(card).filter((a) => a.verb === 'voice.open');
    expect(opens.map((a) => a.data)).toEqual([{ meetingId: 'm1', digest: 'm1,m2' }, { meetingId: 'm2', digest: 'm1,m2' }]);
    expect(executes(card).map((a) => a.title)).toEqual(expect.arrayContaining(['Remind me tomorrow', 'Not my case']));
    expect(walk(card).filter((n) => n.type === 'Action.OpenUrl').map((n) => n.url)).toContain('https://lcs.example/child?ref=C-101');
  });

  it('every button\'s data parses as its action', () => {
    for (const a of [...executes(card), ...executes(escalationDigestCard({ managerId: 'm', date: '2026-11-23', items: [{ ...item('m1', 'C-1'), workerId: 'w', workerName: 'Sam', reason: 'unanswered' }] }))]) {
      const parsed = VoiceActionSchema.safeParse({ verb: a.verb, ...a.data });
      expect(parsed.success).toBe(true);
    }
  });

  it('never shows a raw template expression, and matches its snapshot', () => {
    expect(JSON.stringify(card)).not.toContain('${');
    expect(card).toMatchSnapshot();
  });
});

describe('the record-voice card', () => {
  const base = { item: item('m1', 'C-101'), digest: ['m1', 'm2'], showAdvocacy: true, showAttendance: true, today: '2026-11-23' };

  it('comes back after a failed save with every entry kept and the problem named beside its field', () => {
    const card = recordVoiceCard({ ...base, form: { gatheredBy: 'advocate', methods: 'direct_work,advocate', note: 'sent to chair' }, errors: { gatheredOn: 'Give the date their views were gathered (or they declined).' } });
    const input = (id: string) => walk(card).find((n) => n.id === id) as Node;
    expect(input('gatheredBy').value).toBe('advocate');
    expect(input('methods').value).toBe('direct_work,advocate');
    expect(input('note').value).toBe('sent to chair');
    const body = card.body as Node[];
    const dateAt = body.findIndex((n) => n.id === 'gatheredOn');
    expect(body[dateAt + 1]).toMatchObject({ text: 'Problem: Give the date their views were gathered (or they declined).', color: 'Attention' });
    // At the top, naming the question: on a phone the field may be screens below.
    expect(texts(card)).toContain('One thing needs fixing before I can save this: the date gathered. Each problem is written under its question.');
    expect(texts(card).filter((t) => t.includes('Give the date'))).toHaveLength(1);
  });

  it('asks how, when and by whom views were gathered, not the PN code (the chair records that after the meeting)', () => {
    const card = recordVoiceCard({ ...base, form: {}, errors: {} });
    expect(walk(card).some((n) => n.id === 'pnCode')).toBe(false);
    expect(texts(card)).toContain('How the child took part in the meeting (the PN code) is recorded after it: by the chair, or by you where no chair does.');
    expect((walk(card).find((n) => n.id === 'gatheredBy') as { choices: { title: string }[] }).choices.map((c) => c.title)).toEqual(['Me (the worker)', 'The IRO or chair', 'An advocate', 'Another professional']);
    expect(walk(card).some((n) => n.id === 'attendance')).toBe(true);
  });

  it('for an assessment (no meeting) does not ask whether the child will attend', () => {
    const card = recordVoiceCard({ ...base, showAttendance: false, form: {}, errors: {} });
    expect(walk(card).some((n) => n.id === 'attendance')).toBe(false);
    expect(texts(card).some((t) => t.includes('PN code'))).toBe(false);
    expect(JSON.parse(executes(card).find((a) => a.verb === 'voice.record')!.data.view as string)).toMatchObject({ showAttendance: false });
  });

  it('offers every method in plain English, asks about advocacy only when it applies, and warns about the child\'s words', () => {
    const card = recordVoiceCard({ ...base, form: {}, errors: {} });
    expect((walk(card).find((n) => n.id === 'methods') as { choices: unknown[] }).choices).toHaveLength(7);
    expect(walk(card).some((n) => n.id === 'advocacyOffered')).toBe(true);
    expect(walk(recordVoiceCard({ ...base, showAdvocacy: false, form: {}, errors: {} })).some((n) => n.id === 'advocacyOffered')).toBe(false);
    expect((walk(card).find((n) => n.id === 'note') as { placeholder: string }).placeholder).toMatch(/case record/);
    expect(walk(card).filter((n) => n.color === 'Attention')).toHaveLength(0);
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it('a filled-in submission round-trips through the action schema', () => {
    const card = recordVoiceCard({ ...base, form: {}, errors: {} });
    const save = executes(card).find((a) => a.verb === 'voice.record')!;
    const submitted = { verb: save.verb, ...save.data, methods: 'direct_work', declined: 'false', gatheredOn: '2026-11-20', gatheredBy: 'worker', prepared: 'yes', attendance: 'will_attend', advocacyOffered: 'yes', sharedWith: 'chair,iro', note: '' };
    const parsed = VoiceActionSchema.parse(submitted);
    expect(parsed).toEqual(submitted);
  });
});

describe('the after-meeting card', () => {
  it('asks the question, requires the feedback-form question after a CP conference, and keeps entries beside their errors', async () => {
    const { afterMeetingCard } = await import('./voice-cards');
    const { afterMeetingView } = await import('../core/voice');
    const m = meeting('m1', 'RCPC', '2026-11-19', { childRef: 'C-101' });
    const view = afterMeetingView({ meeting: m, child: child('C-101'), today: '2026-11-20', settings, calendar: cal, form: { told: 'planned' }, errors: { plannedFor: 'Give the date you plan to tell them.' } });
    const card = afterMeetingCard(view);
    expect(walk(card).find((n) => n.id === 'told')).toMatchObject({ value: 'planned', label: 'Has the child been told what was decided, in a way they understand?' });
    expect(walk(card).find((n) => n.id === 'feedbackFormOffered')).toMatchObject({ isRequired: true, label: 'Was the child offered a feedback form?' });
    expect(texts(card)).toContain('Problem: Give the date you plan to tell them.');
    expect(texts(card)[2]).toBe('One thing needs fixing before I can save this: when you plan to tell them. Each problem is written under its question.');
    expect(JSON.stringify(card)).not.toContain('${');
    const save = executes(card)[0]!;
    expect(VoiceActionSchema.safeParse({ verb: save.verb, ...save.data, told: 'yes', feedbackFormOffered: 'no' }).success).toBe(true);
    const fgc = afterMeetingCard(afterMeetingView({ meeting: meeting('m2', 'FGC', '2026-11-19'), child: child('C-2'), today: '2026-11-20', settings, calendar: cal }));
    expect(walk(fgc).find((n) => n.id === 'feedbackFormOffered')).toMatchObject({ isRequired: false });
    const assessment = afterMeetingCard(afterMeetingView({ meeting: meeting('m3', 'ASSESSMENT', '2026-11-19'), child: child('C-3'), today: '2026-11-20', settings, calendar: cal }));
    expect(walk(assessment).some((n) => n.id === 'feedbackFormOffered' || n.id === 'parentsFeedbackOffered')).toBe(false);
  });

  it('asks the child and the parents apart how well they felt listened to, in words, every input labelled, and offers the saved "what would have helped" as a "You said" item', async () => {
    const { afterMeetingCard } = await import('./voice-cards');
    const { afterMeetingView } = await import('../core/voice');
    const m = meeting('m1', 'CLA_REVIEW', '2026-11-19', { childRef: 'C-101' });
    const record = { meetingId: 'm1', childRef: 'C-101', told: 'yes' as const, feedbackFormOffered: true, childListened: 'partly' as const, childWouldHelp: 'A shorter meeting after school.', parentsFeedbackOffered: true, parentsListened: 'well' as const, parentsWouldHelp: 'Papers a week before.', parentsYouSaidId: 'item-1', recordedBy: 'w', recordedAt: '2026-11-20T10:00:00Z' };
    const card = afterMeetingCard(afterMeetingView({ meeting: m, child: child('C-101'), record, today: '2026-11-20', settings, calendar: cal }));
    const nodes = walk(card);
    for (const id of ['feedbackFormOffered', 'childListened', 'childWouldHelp', 'parentsFeedbackOffered', 'parentsListened', 'parentsWouldHelp']) expect(nodes.find((n) => n.id === id)?.label).toBeTruthy();
    expect(nodes.find((n) => n.id === 'childListened')).toMatchObject({ value: 'partly', label: 'If the child answered: how well did they feel listened to?' });
    expect((nodes.find((n) => n.id === 'parentsListened')!.choices as { title: string }[]).map((c) => c.title)).toEqual(['Well: they felt listened to', 'Partly: listened to about some things', 'Not well: they did not feel listened to', 'No answer (not returned, or left blank)']);
    const raise = executes(card).filter((e) => e.verb === 'feedback.youSaid');
    // The child's is offered; the parents' is already an item.
    expect(raise.map((e) => e.data)).toEqual([{ meetingId: 'm1', from: 'child', record: 'after' }]);
    expect(VoiceActionSchema.safeParse({ verb: raise[0]!.verb, ...raise[0]!.data }).success).toBe(true);
    expect(texts(card)).toContain('This is already a "You said" item: see "my actions".');
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it('offers the worker the PN code while no chair has recorded it, with a clash named beside it, and shows the chair\'s once they have', async () => {
    const { afterMeetingCard } = await import('./voice-cards');
    const { afterMeetingView } = await import('../core/voice');
    const m = meeting('m3', 'CLA_REVIEW', '2026-11-19', { childRef: 'C-3' });
    const ask = afterMeetingCard(afterMeetingView({ meeting: m, child: child('C-3'), today: '2026-11-20', settings, calendar: cal, form: { told: 'yes', pnCode: 'PN1', attended: 'no' }, errors: { pnCode: 'PN1 means the child attended, but you said they did not: change one of the two.' } }));
    expect(walk(ask).find((n) => n.id === 'pnCode')).toMatchObject({ value: 'PN1', choices: expect.arrayContaining([{ title: 'PN1: Attends and speaks for themselves', value: 'PN1' }]) });
    expect(walk(ask).find((n) => n.id === 'attended')).toMatchObject({ value: 'no' });
    expect(texts(ask)).toContain('Problem: PN1 means the child attended, but you said they did not: change one of the two.');
    expect(texts(ask)).toContain('How the child took part (optional). No chair has recorded this yet: if the chair does, theirs is used instead.');
    const save = executes(ask)[0]!;
    expect(VoiceActionSchema.safeParse({ verb: save.verb, ...save.data, told: 'yes', pnCode: 'PN5', attended: 'no' }).success).toBe(true);
    const chaired = afterMeetingCard(afterMeetingView({ meeting: m, child: child('C-3'), today: '2026-11-20', settings, calendar: cal, chair: { meetingId: 'm3', childRef: 'C-3', pnCode: 'PN6', pnBy: 'chair', attended: false, recordedBy: 'c', recordedAt: '2026-11-19T15:00:00Z' } }));
    expect(walk(chaired).some((n) => n.id === 'pnCode' || n.id === 'attended')).toBe(false);
    expect(texts(chaired)).toContain('The chair recorded how the child took part: PN6, does not attend, but shares views another supported way.');
    expect(JSON.stringify(chaired)).not.toContain('${');
  });
});

describe('the cover cards', () => {
  const key = { workerId: 'w', coverId: 'c', from: '2026-12-01', to: '2026-12-05' };

  it("each cover the worker set has an End button, and the manager's card for an outside colleague has Approve and Refuse; each parses", () => {
    const mine = coverCard({ teamChoices: [], today: '2026-11-23', current: [{ ...key, text: 'Alex covers Tue 1 Dec to Sat 5 Dec' }] });
    const notice = coverNoticeCard({ text: 'Sam has asked Rex, who is not in their team, to cover.', approve: key });
    const buttons = [...executes(mine), ...executes(notice)];
    expect(buttons.map((b) => b.verb)).toEqual(['cover.end', 'cover.set', 'cover.approve', 'cover.end']);
    for (const b of buttons.filter((x) => x.verb !== 'cover.set')) expect(VoiceActionSchema.safeParse({ verb: b.verb, ...b.data })).toMatchObject({ success: true, data: { ...key } });
    expect(texts(mine)).toContain('Set: Alex covers Tue 1 Dec to Sat 5 Dec');
  });

  it("a manager told of a teammate's cover gets no buttons, and once acted on the card says so", () => {
    expect(executes(coverNoticeCard({ text: 'Sam has set Alex to cover.' }))).toEqual([]);
    expect(executes(coverNoticeCard({ text: 'Approved.', approve: key, notice: 'Approved.' }))).toEqual([]);
  });
});

describe("the chair's card", () => {
  const base = { meetingId: 'm1', child: 'C-101', type: 'Looked-after review', when: 'Mon 30 Nov 2026', meetingDay: '2026-11-30' };
  const worker = { meetingId: 'm1', childRef: 'C-101', pnCode: 'PN7' as const, pnBy: 'worker' as const, attended: false, recordedBy: 'w', recordedAt: '2026-11-30T15:00:00Z' };

  it("says when the code on file is the worker's stand-in, and offers Save (not Update) for the chair's own record", () => {
    const card = chairRecordCard({ ...base, record: worker });
    expect(texts(card).join('\n')).toContain("The child's worker recorded PN7 because no chair had: check it, answer the rest and save yours.");
    expect(executes(card).map((b) => b.title)).toEqual(['Save']);
    const own = chairRecordCard({ ...base, record: { ...worker, pnBy: 'chair', recordedBy: 'c' } });
    expect(texts(own).join('\n')).not.toContain("The child's worker recorded");
    expect(executes(own).map((b) => b.title)).toEqual(['Update']);
  });

  it("another chair's record is shown with whose it is and no button", () => {
    const card = chairRecordCard({ ...base, record: { ...worker, pnBy: 'chair', recordedBy: 'c' }, lockedBy: 'Iris Reviewer' });
    expect(texts(card).join('\n')).toContain('Iris Reviewer chaired this meeting and recorded how the child took part: only they can change it.');
    expect(executes(card)).toEqual([]);
  });

  it('labels every input, and marks as required what a save needs whatever else is answered', () => {
    const inputs = walk(chairRecordCard(base)).filter((n) => typeof n.type === 'string' && n.type.startsWith('Input.'));
    expect(inputs.filter((n) => typeof n.label !== 'string' || n.label === '').map((n) => n.id)).toEqual([]);
    expect(inputs.filter((n) => n.isRequired).map((n) => n.id)).toEqual(['attended', 'pnCode', 'metBefore', 'advocacy', 'viewsChangedPlan']);
  });
});
