import { heardMeasures, voiceOutcome } from './heard';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aroundFacts, feedbackFacts, HEARD_DEFINITIONS, methodFacts, outcomeFacts, recordedText } from './heard-view';
import type { MeetingVoiceFact } from '../ports';

const START = '2026-11-10T10:00:00Z';
const meeting = (over: Partial<MeetingVoiceFact> = {}, i = 0): MeetingVoiceFact => ({
  meetingId: `m${i}`,
  childRef: `C${i}`,
  teamId: 't',
  district: 'North',
  type: 'CLA_REVIEW',
  start: START,
  voiceDue: '2026-11-03T17:00:00Z',
  advocacyRequired: false,
  groups: [],
  ...over,
});
const recorded = { voiceRecordedAt: '2026-11-01T09:00:00Z' };
const channel = { kind: 'channel' } as const;
const person = { kind: 'person' } as const;

describe("a child counts as heard only when their views reached the meeting, not when a form was filled in", () => {
  it.each([
    ['PN1, attends and speaks', { ...recorded, pn: 'PN1' }, 'reached'],
    ['PN4, attends but does not contribute', { ...recorded, pn: 'PN4' }, 'reached'],
    ['PN6, views shared another supported way', { pn: 'PN6' }, 'reached'],
    ['PN7, views not shared, even with a record', { ...recorded, pn: 'PN7' }, 'not_heard'],
    ['PN7, though the worker said they shared views with the chair', { ...recorded, pn: 'PN7', sharedWithChair: true }, 'not_heard'],
    ['declined, with PN1 recorded', { ...recorded, pn: 'PN1', declined: true }, 'declined'],
    ['declined, shared with the chair', { ...recorded, declined: true, sharedWithChair: true }, 'declined'],
    ['nothing recorded', {}, 'not_heard'],
    ['recorded and shared with the chair, no code yet', { ...recorded, sharedWithChair: true }, 'reached'],
    ['recorded but not shared with the chair, no code', { ...recorded, sharedWithChair: false }, 'not_heard'],
    ['shared with the chair only after the meeting started', { voiceRecordedAt: '2026-11-10T11:00:00Z', sharedWithChair: true }, 'not_heard'],
    ['shared with the chair and no record time', { sharedWithChair: true }, 'not_heard'],
    ['PN0, under 4, nothing shared', { ...recorded, pn: 'PN0' }, 'under_four'],
    ['PN0, under 4, observations shared with the chair', { ...recorded, pn: 'PN0', sharedWithChair: true }, 'reached'],
  ] as const)('%s', (_, over, outcome) => {
    expect(voiceOutcome(meeting(over as Partial<MeetingVoiceFact>))).toBe(outcome);
  });

  it('counts each outcome once, adding up to the meetings held, and the children heard by group', () => {
    const h = heardMeasures([
      meeting({ ...recorded, pn: 'PN1', groups: ['disabled'] }, 1),
      meeting({ ...recorded, pn: 'PN5', groups: ['disabled'] }, 1),
      meeting({ ...recorded, pn: 'PN7', groups: ['uasc'] }, 2),
      meeting({ ...recorded, pn: 'PN1', declined: true, groups: ['uasc'] }, 3),
      meeting({ type: 'ICPC' }, 4),
      meeting({ ...recorded, pn: 'PN0' }, 5),
    ]);
    expect(h.outcomes).toEqual({ reached: 2, declined: 1, not_heard: 2, under_four: 1 });
    expect(h.meetings).toBe(6);
    // The same child heard at two meetings is one child heard; declined and PN7 children are not heard.
    expect(h.children).toEqual({ total: 1, byGroup: { disabled: 1 } });
    // By group, over the group's meetings: the disabled child's two were heard, the UASC children's two were not.
    expect(h.byGroup.filter((g) => g.ratio.d > 0)).toEqual([{ group: 'disabled', ratio: { n: 2, d: 2 } }, { group: 'uasc', ratio: { n: 0, d: 2 } }]);
    expect(h.byType.find((t) => t.type === 'ICPC')!.ratio).toEqual({ n: 0, d: 1 });
    expect(h.byType.find((t) => t.type === 'CLA_REVIEW')!.ratio).toEqual({ n: 2, d: 5 });
  });
});

describe('measures on things not every record has say "not recorded yet", never 0%', () => {
  it.each([
    ['none recorded', [{}, {}], 'not recorded yet'],
    ['all recorded', [{ prepared: true }, { prepared: false }], '1 of 2 (50%)'],
    ['some recorded', [{ prepared: true }, {}, { prepared: true }], '2 of 2 (100%) where recorded; recorded for 2 of 3 (67%)'],
    ['no meetings', [], 'no meetings'],
  ] as const)('prepared, %s', (_, overs, text) => {
    const h = heardMeasures(overs.map((o, i) => meeting(o as Partial<MeetingVoiceFact>, i)));
    expect(recordedText('weekly.prepared', h.prepared, person)).toBe(text);
  });

  it('shows the chair meeting the child and views changing the plan as not recorded until a chair records them', () => {
    const ms = [meeting({ ...recorded, pn: 'PN1', prepared: true }, 1), meeting({ ...recorded, pn: 'PN1', prepared: true }, 2)];
    const facts = aroundFacts(heardMeasures(ms), { outcomes: 'cpb.heard-outcomes', prepared: 'cpb.prepared', chairMet: 'cpb.chair-met-before', changedPlan: 'cpb.views-changed-plan', methods: 'cpb.methods' }, person);
    expect(facts.map((f) => [f.title, f.value])).toEqual([
      ['Child prepared for the meeting', '2 of 2 (100%)'],
      ['Chair met the child beforehand', 'not recorded yet'],
      ["Child's views changed the plan", 'not recorded yet'],
    ]);
    const met = heardMeasures([meeting({ chairMetChildBefore: true, viewsChangedPlan: false }, 1), meeting({ chairMetChildBefore: false, viewsChangedPlan: false }, 2)]);
    expect(met.chairMetBefore.ratio).toEqual({ n: 1, d: 2 });
    expect(met.viewsChangedPlan.ratio).toEqual({ n: 0, d: 2 });
  });

  it('counts the ways views were gathered among the meetings that recorded them, Mind of My Own first', () => {
    const h = heardMeasures([
      meeting({ methods: ['mind_of_my_own', 'direct_work'] }, 1),
      meeting({ methods: ['mind_of_my_own'] }, 2),
      meeting({ methods: [] }, 3),
      meeting({}, 4),
    ]);
    const facts = methodFacts(h, 'senior.methods', person);
    expect(facts[0]).toMatchObject({ title: 'Meetings with the ways recorded', value: '2 of 4 (50%)' });
    expect(facts[1]).toMatchObject({ title: 'Mind of My Own statement', value: '2 of 2 (100%)' });
    expect(facts[2]).toMatchObject({ title: 'Direct work with me', value: '1 of 2 (50%)' });
    expect(methodFacts(heardMeasures([meeting()]), 'senior.methods', person)[0]!.value).toBe('not recorded yet');
  });
});

describe('in a channel, small numbers of children stay hidden', () => {
  it('hides a small outcome and one more so it cannot be worked out from the total', () => {
    const ms = [
      ...Array.from({ length: 20 }, (_, i) => meeting({ ...recorded, pn: 'PN1' }, i)),
      ...Array.from({ length: 2 }, (_, i) => meeting({ declined: true, ...recorded }, 100 + i)),
      ...Array.from({ length: 8 }, (_, i) => meeting({}, 200 + i)),
    ];
    const { facts, reached } = outcomeFacts(heardMeasures(ms), 'cpb.heard-outcomes', channel);
    expect(facts.map((f) => f.value)).toEqual(['20 of 30 meetings (67%)', 'fewer than 5 of 30 meetings', 'not shown of 30 meetings', '0 of 30 meetings (0%)']);
    expect(reached.percent).toBe(67);
    expect(outcomeFacts(heardMeasures(ms), 'weekly.heard-outcomes', person).facts[1]!.value).toBe('2 of 30 meetings (7%)');
  });

  it('a county year with one child not heard in 400 does not read "100%" heard', () => {
    const ms = [...Array.from({ length: 399 }, (_, i) => meeting({ ...recorded, pn: 'PN1' }, i)), meeting({}, 999)];
    expect(outcomeFacts(heardMeasures(ms), 'senior.heard-outcomes', person).facts.map((f) => f.value).slice(0, 3)).toEqual(['399 of 400 meetings (99%)', '0 of 400 meetings (0%)', '1 of 400 meetings (1%)']);
  });

  it('says once that there are too few meetings to show anything', () => {
    const few = heardMeasures([meeting({ ...recorded, pn: 'PN1', prepared: true }, 1), meeting({}, 2)]);
    expect(outcomeFacts(few, 'weekly.heard-outcomes', channel).facts.map((f) => f.value)).toEqual(Array(4).fill('not shown (fewer than 5 meetings in all)'));
    expect(recordedText('weekly.prepared', few.prepared, channel)).toBe('not shown (fewer than 5 in all)');
  });

  it('hides a small "recorded for" count as well as a small "yes"', () => {
    const ms = Array.from({ length: 12 }, (_, i) => meeting(i < 3 ? { chairMetChildBefore: true } : {}, i));
    expect(recordedText('cpb.chair-met-before', heardMeasures(ms).chairMetBefore, channel)).toBe('recorded for fewer than 5 of 12, too few to show');
  });
});

describe('feedback after meetings, by meeting type, the child and the parents apart', () => {
  const ids = { offered: 'senior.feedback-offered', answered: 'senior.feedback-answered', well: 'senior.feedback-listened-well' } as const;
  // 12 looked-after reviews: 10 children offered a form, 8 answered, 6 "well"; parents offered at 2; 6 conferences nobody recorded.
  const reviews = Array.from({ length: 12 }, (_, i) => meeting({
    childFeedback: { offered: i < 10, ...(i < 8 ? { listened: i < 6 ? 'well' as const : 'not_well' as const } : {}) },
    ...(i < 2 ? { parentsFeedback: { offered: true, listened: 'partly' as const } } : {}),
  }, i));
  const conferences = Array.from({ length: 6 }, (_, i) => meeting({ type: 'RCPC' }, 20 + i));
  const held = heardMeasures([...reviews, ...conferences]);

  it('counts offered of meetings held, answered of offered and "listened to well" of answered', () => {
    expect(held.feedback.find((f) => f.type === 'CLA_REVIEW')!.child).toEqual({ meetings: 12, recorded: 12, offered: 10, answered: 8, well: 6 });
    expect(held.feedback.find((f) => f.type === 'CLA_REVIEW')!.parents).toEqual({ meetings: 12, recorded: 2, offered: 2, answered: 2, well: 0 });
    expect(held.feedback.find((f) => f.type === 'RCPC')!.child).toEqual({ meetings: 6, recorded: 0, offered: 0, answered: 0, well: 0 });
  });

  it('a manager sees the exact numbers; a type nobody recorded is left out, never shown as 0%', () => {
    const facts = feedbackFacts(held, ids, person).map((f) => `${f.title}: ${f.value}`);
    expect(facts).toEqual([
      'Feedback from the child: Looked-after review: offered 10 of 12 (83%); answered 8 of 10 (80%); listened to well 6 of 8 (75%)',
      'Feedback from the parents: Looked-after review: offered 2 of 12 (17%); answered 2 of 2 (100%); listened to well 0 of 2 (0%)',
    ]);
    expect(feedbackFacts(heardMeasures(conferences), ids, person).map((f) => f.value)).toEqual(['not recorded yet', 'not recorded yet']);
  });

  it('in a channel, small numbers are suppressed, and nothing after a held-back share gives it away', () => {
    const facts = feedbackFacts(held, ids, channel).map((f) => `${f.title}: ${f.value}`);
    // 2 of 12 not offered is a small number: held back, and so is everything that would follow from it.
    expect(facts).toEqual([
      'Feedback from the child: Looked-after review: offered most of 12 (all but 1 to 4)',
      'Feedback from the parents: Looked-after review: offered fewer than 5 of 12',
    ]);
    const many = heardMeasures(Array.from({ length: 20 }, (_, i) => meeting({ childFeedback: { offered: i < 14, ...(i < 12 ? { listened: i < 3 ? 'well' as const : 'partly' as const } : {}) } }, i)));
    expect(feedbackFacts(many, ids, channel)[0]!.value).toBe('offered 14 of 20 (70%); answered most of 14 (all but 1 to 4)');
  });
});

describe('each measure is defined once, in one plain sentence, and docs/digests.md carries the same words', () => {
  const docs = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'digests.md'), 'utf8');
  it.each(Object.entries(HEARD_DEFINITIONS))('%s', (_, text) => {
    expect(text.split(/(?<=[.!?])\s+(?=[A-Z"])/)).toHaveLength(1);
    expect(docs).toContain(`| ${text} |`);
  });
});
