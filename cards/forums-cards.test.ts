import { ActivityActionSchema } from './activities-cards';
import { SurveyActionSchema } from './surveys-cards';
import { ForumSchema, nextOccurrences } from '../core/forums';
import { ForumActionSchema, forumVerbs, OutcomeInputsSchema } from './forums-actions';
import { channelListCard, forumEditorCard, forumListCard, forumPrintableLinkCard, forumReminderCard, occurrenceCard, outcomeCard, outcomeRequestCard } from './forums-cards';
import { draftFromEditor, editorValuesOf, outcomeErrorsForCard, outcomeFromInputs } from './forums-forms';
import type { Card } from './render';

const forum = ForumSchema.parse({
  id: 'cicc',
  name: 'Children in Care Council',
  type: 'CICC',
  rrule: 'FREQ=MONTHLY;BYDAY=1WE',
  startDate: '2026-01-01',
  time: '17:00',
  place: 'Civic Centre',
  facilitatorIds: ['p1'],
  channelId: '19:cicc',
  overrides: { '2027-01-06': { status: 'moved', date: '2027-01-13', time: '17:00' }, '2027-02-03': { status: 'cancelled' } },
  createdBy: 'p1',
  updatedAt: '2026-01-01T00:00:00Z',
});
const now = new Date('2026-11-23T10:00:00Z');
const next = nextOccurrences(forum, now, 5);
const people = [{ title: 'Pat Officer', value: 'p1' }, { title: 'Fran Facilitator', value: 'p2' }];

type El = Record<string, unknown>;
const walk = (node: unknown, out: El[] = []): El[] => {
  if (Array.isArray(node)) node.forEach((n) => walk(n, out));
  else if (node && typeof node === 'object') {
    out.push(node as El);
    Object.values(node).forEach((v) => walk(v, out));
  }
  return out;
};
const inputsOf = (card: Card) => walk(card).filter((e) => typeof e.type === 'string' && (e.type as string).startsWith('Input.'));
const submitsOf = (card: Card) => walk(card).filter((e) => e.type === 'Action.Execute');
/** What Teams sends when a button is pressed: the button's data plus every input's value. */
const press = (card: Card, verb: string, typed: Record<string, string> = {}) => {
  const action = submitsOf(card).find((a) => (a.data as El).verb === verb);
  if (!action) throw new Error(`no ${verb} button`);
  const values = Object.fromEntries(inputsOf(card).map((i) => [i.id as string, (typed[i.id as string] ?? i.value ?? '') as string]));
  return { ...values, ...(action.data as El) };
};

const cards = {
  editorNew: forumEditorCard({ values: editorValuesOf(undefined, '2026-11-23'), errors: {}, people, channels: [{ title: 'CICC', value: '19:cicc' }] }),
  editorWithPreview: forumEditorCard({
    values: editorValuesOf(forum, '2026-11-23'),
    errors: {},
    people,
    channels: [],
    preview: { ruleWords: 'first Wednesday of every month at 5pm', dates: next },
  }),
  list: forumListCard({ rows: [{ forum, occurrences: next.slice(0, 3) }], canManage: true }),
  occurrence: occurrenceCard({ forum, occurrences: next }),
  reminder: forumReminderCard({
    forumId: 'cicc', forumName: 'Children in Care Council', forumType: 'Children in Care Council', dateWords: 'Wednesday 2 December 2026', timeWords: '5pm',
    daysToGo: 'in 7 days', moved: false, place: 'Civic Centre', promises: [{ text: 'Wi-Fi in every home', dueWords: 'Sunday 31 January 2027' }], withheld: 1, forChannel: true,
  }),
  reminderPrintable: forumReminderCard({
    forumId: 'leavers', forumName: 'Care leaver forum', forumType: 'Care leaver forum', dateWords: 'Wednesday 2 December 2026', timeWords: '5pm', daysToGo: 'tomorrow', moved: false,
    promises: [], withheld: 0, forChannel: true, occurrenceDate: '2026-12-02', printable: true, doneWithheld: 1,
    done: [{ text: 'Help with paying bills', result: 'We wrote a guide with care leavers.', notPossible: false }, { text: 'Free bus passes', result: 'The county pays for them.', notPossible: true }],
  }),
  printableLink: forumPrintableLinkCard({ forumId: 'leavers', forumName: 'Care leaver forum', originalDate: '2026-12-02', dateWords: 'Wednesday 2 December 2026', url: 'https://example.invalid/p' }),
  outcomeRequest: outcomeRequestCard({ forumId: 'cicc', forumName: 'Children in Care Council', originalDate: '2026-12-02', dateWords: 'Wednesday 2 December 2026', timeWords: '5pm' }),
  outcome: outcomeCard({ forum, occurrence: next[0]!, people, defaultDue: '2027-01-31' }),
  channels: channelListCard({ mappings: [{ audience: 'cicc', label: 'CICC', channelId: '19:a', channelName: 'CICC', setBy: 'p1', setAt: '2026-11-23T10:00:00Z' }] }),
} satisfies Record<string, Card>;

describe('forum cards', () => {
  it.each(Object.entries(cards))('%s is an Adaptive Card 1.5 with a label on every input and no raw template text', (name, card) => {
    expect(card.version).toBe('1.5');
    for (const input of inputsOf(card)) expect(typeof input.label === 'string' && (input.label as string).trim().length > 0).toBe(true);
    expect(JSON.stringify(card)).not.toContain('${');
    expect(card).toMatchSnapshot(name);
  });

  it('every button on every card sends data its schema accepts, with the right verb (Universal Actions, so answers replace the card)', () => {
    const seen = new Set<string>();
    for (const card of Object.values(cards))
      for (const a of submitsOf(card)) {
        const verb = (a.data as El).verb as string;
        expect(a.verb).toBe(verb);
        // The forums card also opens the group participation card (cards/activities-cards.ts) and the survey card (cards/surveys-cards.ts).
        const parsed = (verb.startsWith('activity.') ? ActivityActionSchema : verb.startsWith('survey.') ? SurveyActionSchema : ForumActionSchema).safeParse(press(card, verb, { originalDate: '2026-12-02' }));
        expect(parsed.success).toBe(true);
        seen.add(verb);
      }
    expect([...seen].filter((v) => !v.startsWith('activity.') && !v.startsWith('survey.')).sort()).toEqual([...forumVerbs].sort());
  });

  it('the editor shows the next five dates in words, moved and cancelled ones said so in words', () => {
    const text = JSON.stringify(cards.editorWithPreview);
    expect(text).toContain('first Wednesday of every month at 5pm');
    expect(text).toContain('Wednesday 13 January 2027 at 5pm (moved from Wednesday 6 January 2027)');
    expect(text).toContain('Wednesday 3 February 2027 at 5pm~~ Cancelled');
  });

  it('a saved forum round-trips through the editor unchanged', () => {
    const submitted = ForumActionSchema.parse(press(cards.editorWithPreview, 'forum.save'));
    if (submitted.verb !== 'forum.save') throw new Error('wrong verb');
    expect(draftFromEditor(submitted)).toEqual({
      name: forum.name, type: 'CICC', repeat: { plain: { frequency: 'monthly', weekday: 'WE', ordinal: 1 } }, startDate: '2026-01-01', time: '17:00',
      place: 'Civic Centre', onlineLink: undefined, facilitatorIds: ['p1'], channelId: '19:cicc', reminderOffsetsDays: [7, 1],
    });
  });

  it('an invalid editor submission comes back with the entries kept and the problem beside the field', () => {
    const card = forumEditorCard({ values: { name: 'My forum', time: '5pm' }, errors: { time: 'Use a 24-hour time such as 17:00' }, people, channels: [] });
    const text = JSON.stringify(card);
    expect(inputsOf(card).find((i) => i.id === 'name')?.value).toBe('My forum');
    const body = walk(card);
    const timeAt = body.findIndex((e) => e.id === 'time');
    expect(body.slice(timeAt).find((e) => e.type === 'TextBlock')?.text).toBe('Problem: Use a 24-hour time such as 17:00');
    expect(text).toContain('Some entries need another look');
  });

  it('the outcome form turns filled rows into points and maps core problems back to the right row', () => {
    const typed = {
      total: '8', age_11_to_15: '5', age_16_to_17: '3', group_uasc: '2',
      p0text: 'More Wi-Fi', p0owner: 'p2', p0due: '2027-01-31',
      p2text: 'Liked the leaflet', p2kind: 'no_action', p2note: 'Passed on',
    };
    const submitted = OutcomeInputsSchema.parse(press(cards.outcome, 'forum.outcome.save', typed));
    const req = outcomeFromInputs(submitted);
    expect(req).toEqual({
      forumId: 'cicc', originalDate: '2026-12-02',
      attendance: { total: 8, byAgeBand: { '11_to_15': 5, '16_to_17': 3 }, harderToHear: { uasc: 2 } },
      points: [
        { kind: 'action', text: 'More Wi-Fi', ownerId: 'p2', dueDate: '2027-01-31' },
        { kind: 'no_action', text: 'Liked the leaflet', note: 'Passed on' },
      ],
    });
    expect(outcomeErrorsForCard({ 'points.1.text': 'bad', 'attendance.total': 'number' }, submitted)).toEqual({ p2text: 'bad', total: 'number' });
    const again = outcomeCard({ forum, occurrence: next[0]!, people, defaultDue: '2027-01-31', values: submitted, errors: { p2text: 'Write it in general terms.' } });
    expect(inputsOf(again).find((i) => i.id === 'p2text')?.value).toBe('Liked the leaflet');
    expect(JSON.stringify(again)).toContain('Problem: Write it in general terms.');
  });

  it('the channel reminder says when a promise was left out, in words', () => {
    expect(JSON.stringify(cards.reminder)).toContain('One more thing is still open. Its words are not shown here, to keep everyone private.');
  });

  it('unknown verbs and missing ids are refused', () => {
    expect(ForumActionSchema.safeParse({ verb: 'forum.explode' }).success).toBe(false);
    expect(ForumActionSchema.safeParse({ verb: 'forum.edit' }).success).toBe(false);
    expect(ForumActionSchema.safeParse({ verb: 'forum.outcome.open', forumId: 'x', originalDate: 'soon' }).success).toBe(false);
  });

  it('the outcome form with 60 people to choose from stays well under the Teams card size limit', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ title: `Person Number ${i} Longname`, value: `0b6c1c9e-3f1a-4d2b-9a53-7c2f0f5e8a${String(i).padStart(2, '0')}` }));
    const card = outcomeCard({ forum, occurrence: next[0]!, people: many, defaultDue: '2027-01-31' });
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(60_000);
  });
});
