import { saidByLabel, type SaidBy } from '../core/tracker';
import actionsListTemplate from './actions-list.json';
import reminderTemplate from './actions-reminder.json';
import updateTemplate from './actions-update.json';
import { renderCard, type Card } from './render';
import type { ProgressFormValues, YouSaidFormValues } from './tracker-actions';
import rewordTemplate from './reword-request.json';
import youSaidTemplate from './you-said-form.json';
import { problemSummary } from './form-problems';

/** Said once above the form when a shareable text reads above the CICC's limit: both ways on, kindly. */
export const READING_INTRO =
  'Young people may read this in the Children in Care Council\'s digest, so I checked how easy it is to read. You can make it plainer here (your words are kept), or save it anyway: then young people see a short general line instead, and a participation officer is asked to reword it.';

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
  /** The reading-age advice beside each field that reads above the CICC's limit. */
  warnings?: Record<string, string>;
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
    warnings: blanks(YS, view.warnings),
    readingIntro: Object.keys(view.warnings ?? {}).length ? READING_INTRO : '',
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
export function myActionsCard(view: { rows: readonly (ItemView & { canUpdate: boolean })[]; manager: boolean; raiser?: boolean; notice?: string }): Card {
  return renderCard(actionsListTemplate, {
    heading: view.manager ? 'Actions for you and your team' : 'My actions',
    intro: view.manager
      ? '"You said, we did" actions you and your team own, overdue first.'
      : view.raiser
        ? '"You said, we did" actions you own, and those you raised for others to own (each shows its owner), overdue first.'
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
  warnings?: Record<string, string>;
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
    warnings: blanks(PF, view.warnings),
    readingIntro: Object.keys(view.warnings ?? {}).length ? READING_INTRO : '',
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

export interface RewordRequestView {
  itemId: string;
  /** The London date of the meeting whose digest could not quote the item ("Tuesday 8 December"). */
  meeting: string;
  form: { youSaid: string; outcome?: string };
  outcomeKind?: 'done' | 'not_possible';
  warnings?: Record<string, string>;
  errors?: Record<string, string>;
}

/** Asks a participation officer to reword an item the CICC digest showed only as a general line, with the words to edit in place. */
export function rewordRequestCard(view: RewordRequestView): Card {
  const n = Object.keys(view.errors ?? {}).length;
  return renderCard(rewordTemplate, {
    heading: 'Please reword this for the Children in Care Council',
    intro: `Young people may find this "You said, we did" hard to read (above reading age 11), so the digest for the meeting on ${view.meeting} shows a short general line instead. Please put it in plainer words: the next digest will quote them.`,
    form: { youSaid: view.form.youSaid, outcome: view.form.outcome ?? '' },
    hasOutcome: !!view.outcomeKind,
    outcomeLabel: view.outcomeKind === 'not_possible' ? 'Why it was not possible' : 'We did: what changed',
    errors: blanks(['youSaid', 'outcome'] as const, view.errors),
    warnings: blanks(['youSaid', 'outcome'] as const, view.warnings),
    problemCount: n,
    problemSummary: problemSummary(n),
    itemId: view.itemId,
  });
}
