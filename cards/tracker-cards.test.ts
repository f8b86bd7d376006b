import { TrackerActionSchema, toProgressInput } from './tracker-actions';
import { actionUpdateCard, myActionsCard, trackerReminderCard, youSaidFormCard } from './tracker-cards';
import { walk, type Node } from '../tests/support/card-nodes';

const executes = (card: object) => walk(card).filter((n) => n.type === 'Action.Execute') as { verb: string; data?: Node; title: string }[];
const inputs = (card: object) => walk(card).filter((n) => typeof n.type === 'string' && (n.type as string).startsWith('Input.'));
const texts = (card: object) => walk(card).flatMap((n) => (typeof n.text === 'string' ? [n.text] : []));
const facts = (card: object) => walk(card).filter((n) => n.title && 'value' in n && !('type' in n)).map((n) => `${n.title}: ${n.value}`);

const item = { id: 'i1', youSaid: 'Care leavers said the bus pass runs out too soon', saidBy: 'forum' as const, due: '2026-11-27', stage: 'Overdue', owner: 'Wendy Worker' };

describe('my actions', () => {
  const card = myActionsCard({ rows: [{ ...item, canUpdate: true }], manager: false });
  it('lists each item with its status and due date in words, and a button to update it', () => {
    expect(facts(card)).toEqual(expect.arrayContaining(['Status: Overdue', 'Due: Fri 27 Nov 2026', 'Owner: Wendy Worker']));
    const open = executes(card).find((a) => a.verb === 'tracker.open');
    expect(TrackerActionSchema.safeParse({ verb: open?.verb, ...open?.data }).success).toBe(true);
    expect(JSON.stringify(card)).not.toContain('${');
    expect(card).toMatchSnapshot();
  });
  it('says plainly when nothing is open', () => {
    expect(texts(myActionsCard({ rows: [], manager: false }))).toContain('Nothing open: every action is done and the children have been told.');
  });
});

describe('updating an action', () => {
  it('asks for the outcome and the feedback; a failed save keeps every entry and names the problem', () => {
    const card = actionUpdateCard({ item, mode: 'outcome', form: { outcome: 'not_possible', why: '' }, errors: { why: 'Please say why it was not possible: the children are told why too.' }, canWithdraw: false, today: '2026-11-30' });
    expect(Object.fromEntries(inputs(card).map((i) => [i.id, i.value]))).toMatchObject({ outcome: 'not_possible', feedbackGiven: 'false' });
    expect(texts(card)).toContain('Problem: Please say why it was not possible: the children are told why too.');
    for (const a of executes(card)) expect(TrackerActionSchema.safeParse({ verb: a.verb, ...a.data }).success).toBe(true);
    expect(toProgressInput({ outcome: 'done', weDid: 'New passes', feedbackGiven: 'true', feedbackHow: 'At the forum' })).toMatchObject({ feedbackGiven: true });
    expect(card).toMatchSnapshot();
  });
  it('once the outcome is recorded, asks only for the feedback that closes it', () => {
    const card = actionUpdateCard({ item: { ...item, outcomeText: 'We did: passes now last the month' }, mode: 'feedback', canWithdraw: true, today: '2026-11-30' });
    expect(executes(card).map((a) => a.verb)).toEqual(['tracker.feedback', 'tracker.edit', 'tracker.withdraw', 'tracker.list']);
    expect(inputs(card).map((i) => i.id)).toEqual(['feedbackOn', 'feedbackHow']);
  });
});

describe('the you-said form and the reminder', () => {
  it('labels every input of the you-said form', () => {
    const card = youSaidFormCard({ owners: [{ id: 'u1', name: 'Wendy' }], today: '2026-11-23' });
    for (const i of inputs(card)) expect(String(i.label).length).toBeGreaterThan(3);
    expect(executes(card).map((a) => a.verb)).toEqual(['yousaid.submit']);
  });
  it('tells the owner an action is overdue, with a button to update it', () => {
    const card = trackerReminderCard({ item, kind: 'overdue' });
    expect(texts(card)[0]).toBe('An action you own is overdue');
    expect(executes(card).map((a) => TrackerActionSchema.safeParse({ verb: a.verb, ...a.data }).success)).toEqual([true, true]);
  });
});
