import { saidByLabel, type SaidBy } from '../core/tracker/item';
import actionsListTemplate from './actions-list.json';
import reminderTemplate from './actions-reminder.json';
import updateTemplate from './actions-update.json';
import { renderCard, type Card } from './render';
import type { ProgressFormValues, YouSaidFormValues } from './tracker-actions';
import youSaidTemplate from './you-said-form.json';

const problemSummary = (n: number) => (n === 1 ? 'One thing needs fixing before I can save this:' : `${n} things need fixing before I can save this:`);
const blanks = <K extends string>(keys: readonly K[], src: Partial<Record<K, string | undefined>> | undefined) =>
  Object.fromEntries(keys.map((k) => [k, src?.[k] ?? ''])) as Record<K, string>;

/** "Thu 20 Mar 2026" from a London date. */
export function showDate(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  const part = (o: Intl.DateTimeFormatOptions) => d.toLocaleDateString('en-GB', { ...o, timeZone: 'UTC' });
  return `${part({ weekday: 'short' })} ${part({ day: 'numeric' })} ${part({ month: 'short' })} ${part({ year: 'numeric' })}`;
}

export interface YouSaidFormView {
  owners: readonly { id: string; name: string }[];
  /** The council's forums, so a forum's "You said" names which one (and that forum hears back). */
  forums?: readonly { id: string; name: string }[];
  form?: YouSaidFormValues;
  errors?: Record<string, string>;
  today: string;
  /** Set when editing an item already tracked. */
  itemId?: string;
}

const YS = ['youSaid', 'saidBy', 'forumId', 'ownerId', 'dueDate'] as const;

/** The "you said" form; a failed save comes back with every entry kept and each problem beside its field. */
export function youSaidFormCard(view: YouSaidFormView): Card {
  const n = Object.keys(view.errors ?? {}).length;
  return renderCard(youSaidTemplate, {
    heading: view.itemId ? 'Edit this "You said"' : 'You said: track it to "we did"',
    intro: 'Something a child, a group or a forum asked to change. It gets an owner and a due date, and closes once the children are told what happened.',
    form: blanks(YS, view.form),
    errors: blanks(YS, view.errors),
    problemCount: n,
    problemSummary: problemSummary(n),
    saidByChoices: Object.entries(saidByLabel).map(([value, title]) => ({ value, title })),
    ownerChoices: view.owners.map((o) => ({ value: o.id, title: o.name })),
    forumChoices: (view.forums ?? []).map((f) => ({ value: f.id, title: f.name })),
    today: view.today,
    itemId: view.itemId ?? '',
    submitTitle: view.itemId ? 'Save changes' : 'Track it',
  });
}

/** An item as a card shows it: every status said in words. */
export interface ItemView {
  id: string;
  youSaid: string;
  saidBy: SaidBy;
  due: string;
  stage: string;
  owner: string;
  outcomeText?: string;
}

const itemFields = (i: ItemView) => ({ ...i, saidBy: saidByLabel[i.saidBy], due: showDate(i.due), outcomeText: i.outcomeText ?? '' });

/** "My actions": each item with its status in words and a button to update it. */
export function myActionsCard(view: { rows: readonly (ItemView & { canUpdate: boolean })[]; manager: boolean; notice?: string }): Card {
  return renderCard(actionsListTemplate, {
    heading: view.manager ? 'Actions for you and your team' : 'My actions',
    intro: view.manager
      ? '"You said, we did" actions you and your team own, overdue first.'
      : '"You said, we did" actions you own, overdue first.',
    notice: view.notice ?? '',
    rows: view.rows.map((r) => ({ ...itemFields(r), buttonTitle: r.canUpdate ? 'Update' : 'View' })),
    emptyText: 'Nothing open: every action is done and the children have been told.',
  });
}

const PF = ['outcome', 'weDid', 'why', 'feedbackGiven', 'feedbackOn', 'feedbackHow'] as const;

/** One item: record what happened (or why not), and the feedback that closes it. */
export function actionUpdateCard(view: {
  item: ItemView;
  mode: 'outcome' | 'feedback' | 'closed';
  form?: ProgressFormValues;
  errors?: Record<string, string>;
  canWithdraw: boolean;
  today: string;
}): Card {
  const n = Object.keys(view.errors ?? {}).length;
  const form = blanks(PF, view.form);
  return renderCard(updateTemplate, {
    heading: view.mode === 'closed' ? 'This action is closed' : 'Update this action',
    item: itemFields(view.item),
    mode: view.mode,
    form: { ...form, feedbackGiven: form.feedbackGiven || 'false', feedbackOn: form.feedbackOn || view.today },
    errors: blanks(PF, view.errors),
    problemCount: n,
    problemSummary: problemSummary(n),
    canWithdraw: view.canWithdraw && view.mode !== 'closed',
    today: view.today,
  });
}

/** The owner's reminder before the due date, or nudge after it. */
export function trackerReminderCard(view: { item: ItemView; kind: 'reminder' | 'overdue' }): Card {
  const i = itemFields(view.item);
  return renderCard(reminderTemplate, {
    ...i,
    heading: view.kind === 'reminder' ? 'An action you own is due soon' : 'An action you own is overdue',
    intro:
      view.kind === 'reminder'
        ? `Due ${i.due}. When it is done, or not possible, record it, and tell the children what happened.`
        : `It was due ${i.due}. Please record what happened, or why it is not possible: the children are told either way.`,
  });
}
