// The social worker's cards as they read on Teams mobile (about 320 px of card on a 360 px phone): buttons
// Teams lays out in one row must fit it (Android scrolls an overflowing row sideways, where nobody looks), fact
// titles must not break into a word per line, and what the worker must see first after pressing a button
// (the "Saved" notice, what to fix) is at the top, not below every meeting. docs/accessibility.md, "On a phone".
import { englandAndWales as cal } from '../core/calendar';
import { child, meeting } from '../core/testing';
import { afterMeetingView, nudgeItemView, scheduleFor, voiceSettings, type VoiceRecord } from '../core/voice';
import { walk, type Node } from '../tests/support/card-nodes';
import type { Card } from './render';
import { afterMeetingCard, coverCard, escalationDigestCard, notMineCard, nudgeDigestCard, recordVoiceCard } from './voice-cards';
import { myMeetingsCard } from './voice-meetings';

/** Buttons side by side in one row, and how many characters of title fit that row at phone width. */
const MOBILE = { buttonsPerRow: 2, rowChars: 32, oneButtonChars: 38, factTitleWords: 2 };

const settings = voiceSettings({ showInitials: true, caseRecordUrl: 'https://lcs.example/child?ref={ref}' });
const recorded: VoiceRecord = { meetingId: 'm1', childRef: 'C-101', voiceBy: '2026-11-30', methods: ['direct_work'], declined: false, gatheredOn: '2026-11-20', prepared: true, sharedWith: ['chair'], recordedBy: 'w', recordedAt: '2026-11-23T10:00:00Z' };
const item = (id: string, ref: string, o: { record?: VoiceRecord; type?: 'ICPC' | 'CLA_REVIEW' } = {}) => {
  const m = meeting(id, o.type ?? 'ICPC', '2026-12-02', { childRef: ref });
  return nudgeItemView({ meeting: m, child: child(ref, { initials: 'AB' }), schedule: scheduleFor(m, settings, cal), today: '2026-11-23', settings, calendar: cal, ...(o.record ? { record: o.record } : {}) });
};
const items = [item('m1', 'C-101', { record: recorded }), item('m2', 'C-202', { type: 'CLA_REVIEW' }), item('m3', 'C-303')];
const SAVED = "Saved. Thank you for recording how C-101's views were gathered.";
const afterErrors = { whyNot: 'Say briefly why it is not appropriate.', childListened: 'You said the child was not offered the form.' };

const cards: Record<string, Card> = {
  'the morning nudge': nudgeDigestCard({ recipientId: 'w', date: '2026-11-23', items }),
  'the nudge after Save': nudgeDigestCard({ recipientId: 'w', date: '2026-11-23', items, notice: SAVED }),
  'the record-voice form, back with problems': recordVoiceCard({ item: items[1]!, digest: ['m1', 'm2', 'm3'], showAdvocacy: true, showAttendance: true, today: '2026-11-23', form: { methods: 'direct_work' }, errors: { gatheredOn: 'Give the date.', prepared: 'Say whether the child was prepared.' } }),
  'the after-meeting question, back with problems': afterMeetingCard(afterMeetingView({ meeting: meeting('a1', 'RCPC', '2026-11-19', { childRef: 'C-101' }), child: child('C-101'), today: '2026-11-20', settings, calendar: cal, form: { told: 'not_appropriate', feedbackFormOffered: 'no', childListened: 'well' }, errors: afterErrors })),
  // Feedback saved: each "what would have helped" has its button to raise it as a "You said" item.
  'the after-meeting answer, saved': afterMeetingCard(afterMeetingView({ meeting: meeting('a2', 'RCPC', '2026-11-19', { childRef: 'C-104' }), child: child('C-104'), today: '2026-11-20', settings, calendar: cal, record: { meetingId: 'a2', childRef: 'C-104', told: 'yes', feedbackFormOffered: true, childListened: 'partly', childWouldHelp: 'A shorter meeting.', parentsFeedbackOffered: true, parentsListened: 'not_well', parentsWouldHelp: 'Reports a week before.', recordedBy: 'w', recordedAt: '2026-11-20T10:00:00Z' } })),
  '"Not my case"': notMineCard({ item: items[1]!, digest: ['m2'], teamChoices: [{ title: 'Alex Worker', value: 'a' }] }),
  '"cover"': coverCard({ teamChoices: [{ title: 'Alex Worker', value: 'a' }], today: '2026-11-23', current: [{ workerId: 'w', coverId: 'a', from: '2026-12-01', to: '2026-12-05', text: 'Alex Worker covers you 1 to 5 December' }] }),
  '"my meetings"': myMeetingsCard({ scope: 'mine', from: '2026-11-23', to: '2026-12-21', missing: 2, items: items.map((i) => ({ ...i, workerName: 'Sam Worker', start: '2026-12-02T10:00:00Z' })) }),
  "the manager's escalation": escalationDigestCard({ managerId: 'm', date: '2026-11-23', items: [{ ...items[1]!, workerId: 'w', workerName: 'Samantha Worthington-Smythe', reason: 'unanswered' }], notice: "I've nudged Samantha Worthington-Smythe again." }),
};
const each = Object.entries(cards);
const titles = (actions: Node[]) => actions.map((a) => String(a.title));

describe("the social worker's cards on a phone", () => {
  it.each(each)('%s: no row has more than two buttons, and each row fits a phone without cutting a title', (_name, card) => {
    const rows = [...walk(card).filter((n) => n.type === 'ActionSet').map((n) => n.actions as Node[]), ...(card.actions ? [card.actions as Node[]] : [])];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(titles(row)).toHaveLength(Math.min(row.length, MOBILE.buttonsPerRow));
      const chars = titles(row).join('').length;
      expect([titles(row), chars <= (row.length === 1 ? MOBILE.oneButtonChars : MOBILE.rowChars)]).toEqual([titles(row), true]);
    }
  });

  it('the longest titles are among those checked: the "You said" buttons of a saved after-meeting answer', () => {
    const raise = walk(cards['the after-meeting answer, saved']!).filter((n) => n.verb === 'feedback.youSaid');
    expect(titles(raise)).toEqual(['Add the child\'s answer to "You said"', 'Add the parents\' answer to "You said"']);
  });

  it.each(each)('%s: fact titles are at most two words, so they do not break a word per line', (_name, card) => {
    const long = walk(card).filter((n) => n.type === 'FactSet').flatMap((n) => n.facts as Node[]).map((f) => String(f.title)).filter((t) => t.split(/\s+/).length > MOBILE.factTitleWords);
    expect(long).toEqual([]);
  });

  it.each(each)('%s: every input has a visible label, and required ones say what to do when left empty', (_name, card) => {
    for (const input of walk(card).filter((n) => String(n.type).startsWith('Input.'))) {
      expect([input.id, typeof (input.label ?? input.title)]).toEqual([input.id, 'string']);
      if (input.isRequired === true) expect([input.id, typeof input.errorMessage]).toEqual([input.id, 'string']);
    }
  });

  it('after Save, "Saved" is right under the title, not below every meeting', () => {
    expect((cards['the nudge after Save']!.body as Node[])[1]).toMatchObject({ text: SAVED });
    expect((cards["the manager's escalation"]!.body as Node[])[1]).toMatchObject({ text: "I've nudged Samantha Worthington-Smythe again." });
  });

  it('a form that comes back names, at the top, each question to fix, before the first question', () => {
    for (const [name, expected] of [
      ['the record-voice form, back with problems', '2 things need fixing before I can save this: the date gathered; whether the child was prepared. Each problem is written under its question.'],
      ['the after-meeting question, back with problems', '2 things need fixing before I can save this: why it is not appropriate; how well the child felt listened to. Each problem is written under its question.'],
    ] as const) {
      const body = walk(cards[name]!);
      const summary = body.findIndex((n) => n.text === expected);
      expect([name, summary]).toEqual([name, expect.any(Number)]);
      expect(summary).toBeGreaterThan(-1);
      expect(summary).toBeLessThan(body.findIndex((n) => String(n.type).startsWith('Input.')));
    }
  });

  it('on the nudge, the deadline is the first fact of each meeting, under the child and the meeting', () => {
    const facts = walk(cards['the morning nudge']!).filter((n) => n.type === 'FactSet').map((n) => (n.facts as Node[])[0]);
    expect(facts).toEqual(items.map((i) => ({ title: 'Deadline', value: `Views by ${i.voiceBy}, for the report` })));
  });
});
