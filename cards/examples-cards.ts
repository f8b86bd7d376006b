import { harderToHearLabel, lundyLabel, participationModeLabel } from '../core/model';
import type { PromiseSet } from '../core/model';
import { highlightFindings, highlightRuns, piiKindLabel, type PiiFinding } from '../core/pii';
import formTemplate from './example-form.json';
import piiTemplate from './example-pii.json';
import savedTemplate from './example-saved.json';
import exampleRewordTemplate from './example-reword.json';
import type { ExampleFormValues } from './examples-actions';
import { renderCard, type Card } from './render';
import { READING_INTRO } from './tracker-cards';
import { problemSummary } from './form-problems';

const FIELDS = ['title', 'happenedOn', 'whatHappened', 'promiseIds', 'mode', 'lundy', 'scope', 'groups', 'youSaid', 'weDid', 'actionText', 'actionOwnerId', 'actionDue', 'shareable'] as const;

/** Plain-English name of each free-text field, as the PII card names it. */
export const fieldLabel: Record<string, string> = {
  title: 'Title',
  whatHappened: 'What happened',
  youSaid: 'You said',
  weDid: 'We did',
  why: 'Why it was not possible',
  actionText: 'Action planned',
  feedbackHow: 'How the children were told',
};

const choices = (labels: Record<string, string>) => Object.entries(labels).map(([value, title]) => ({ value, title }));

export interface ExampleFormView {
  promises: PromiseSet;
  /** People who can own a planned action (the author first). */
  owners: readonly { id: string; name: string }[];
  form?: ExampleFormValues;
  errors?: Record<string, string>;
  /** The reading-age advice beside each shareable text that reads above the CICC's limit. */
  warnings?: Record<string, string>;
  today: string;
  exampleId?: string;
  source?: 'command' | 'message';
  /** Dialogs (the message action) need Action.Submit; chat cards use Action.Execute. */
  inDialog?: boolean;
}

// Dialogs need Action.Submit, which has no `verb` (its data carries the verb): drop it so Teams' parser accepts the card.
const forDialog = (card: Card, inDialog: boolean | undefined): Card =>
  inDialog ? { ...card, actions: (card.actions as Record<string, unknown>[]).map(({ verb: _verb, ...submit }) => submit) } : card;

/** The share-an-example form; after a failed save it comes back with every entry kept and each problem beside its field. */
export function exampleFormCard(view: ExampleFormView): Card {
  const errors = Object.fromEntries(FIELDS.map((f) => [f, view.errors?.[f] ?? '']));
  const unplaced = Object.entries(view.errors ?? {}).filter(([f]) => !(FIELDS as readonly string[]).includes(f));
  const form = Object.fromEntries(FIELDS.map((f) => [f, view.form?.[f] ?? '']));
  const problemCount = Object.keys(view.errors ?? {}).length;
  const card = renderCard(formTemplate, {
    heading: view.exampleId ? 'Edit this participation example' : 'Share a participation example',
    intro: 'How children and young people took part, and what changed because of it. It counts as evidence against our promises.',
    form: { ...form, shareable: form.shareable || 'false' },
    errors,
    warnings: Object.fromEntries(FIELDS.map((f) => [f, view.warnings?.[f] ?? ''])),
    readingIntro: Object.keys(view.warnings ?? {}).length ? READING_INTRO : '',
    problemCount,
    problemSummary: problemSummary(problemCount) + unplaced.map(([, m]) => ` ${m}`).join(''),
    promiseChoices: view.promises.map((p) => ({ value: p.id, title: `${p.title}: ${p.wording}` })),
    modeChoices: choices(participationModeLabel),
    lundyChoices: choices(lundyLabel),
    scopeChoices: [
      { value: 'individual', title: "Individual: decisions about a child's own life" },
      { value: 'collective', title: 'Collective: a group shaping services' },
    ],
    groupChoices: choices(harderToHearLabel),
    ownerChoices: view.owners.map((o) => ({ value: o.id, title: o.name })),
    today: view.today,
    exampleId: view.exampleId ?? '',
    source: view.source ?? 'command',
    submitTitle: view.exampleId ? 'Save changes' : 'Share example',
    actionType: view.inDialog ? 'Action.Submit' : 'Action.Execute',
  });
  return forDialog(card, view.inDialog);
}

export interface PiiCardView {
  findings: Record<string, PiiFinding[]>;
  /** The texts the findings point into, by field. */
  texts: Record<string, string | undefined>;
  /** The form as submitted, carried so "Rewrite" brings every entry back. */
  draft: object;
  rewriteVerb: string;
  keepVerb: string;
  recordId?: string;
  what: string;
  inDialog?: boolean;
}

/**
 * What the guard found, each fragment in bold and named by kind in words (not by colour), with the
 * two ways on: rewrite it, or keep it internal so it is never shared.
 */
export function piiCard(view: PiiCardView): Card {
  const fields = Object.entries(view.findings).map(([field, found]) => ({
    label: fieldLabel[field] ?? field,
    highlighted: highlightFindings(view.texts[field] ?? '', found),
    runs: highlightRuns(view.texts[field] ?? '', found).map((r) => ({ text: r.text, weight: r.found ? 'Bolder' : 'Default', underline: r.found })),
    found: [...new Set(found.map((f) => `${piiKindLabel[f.kind]} ("${f.text}")`))].join(', '),
  }));
  const card = renderCard(piiTemplate, {
    heading: 'This may identify someone',
    intro: `Before ${view.what} can be shared, please look at what I found. Anything shared may be seen by the Children in Care Council and the board.`,
    fields,
    choiceText: 'Rewrite it in general terms (your entries are kept), or keep it internal: it is saved, but never shared or quoted.',
    draft: JSON.stringify(view.draft),
    rewriteVerb: view.rewriteVerb,
    keepVerb: view.keepVerb,
    recordId: view.recordId ?? '',
    actionType: view.inDialog ? 'Action.Submit' : 'Action.Execute',
  });
  return forDialog(card, view.inDialog);
}

export interface ExampleSavedView {
  example: {
    id: string; title: string; promiseIds: readonly string[]; mode: keyof typeof participationModeLabel; lundy: readonly (keyof typeof lundyLabel)[];
    scope: string; shareable: boolean; keptInternal: boolean; needsRewording?: boolean; status: 'active' | 'withdrawn'; trackerItemId?: string; actionDue?: string;
  };
  promises: PromiseSet;
  ownerName?: string;
  canChange: boolean;
  notice?: string;
}

/** What was saved, in plain words, with Edit and Withdraw for its author. */
export function exampleSavedCard(view: ExampleSavedView): Card {
  const e = view.example;
  const titleOf = (id: string) => view.promises.find((p) => p.id === id)?.title ?? id;
  const statusText =
    e.status === 'withdrawn'
      ? 'This example was withdrawn. It no longer counts in any report; its history is kept in the audit trail.'
      : e.shareable && e.needsRewording
        ? 'Saved, and it may be shared with the Children in Care Council and the board. Young people will see only its title (or a short general line) until it is put in plainer words.'
        : e.shareable
        ? 'Saved, and it may be shared with the Children in Care Council and the board.'
        : e.keptInternal
          ? 'Saved as internal only: it counts in totals but is never shared or quoted, because it may identify someone.'
          : 'Saved as internal only (you chose not to share it).';
  return renderCard(savedTemplate, {
    heading: view.notice ?? (e.status === 'withdrawn' ? 'Example withdrawn' : 'Example saved: thank you'),
    statusText,
    facts: [
      { title: 'Title', value: e.title },
      { title: 'Promises', value: e.promiseIds.map(titleOf).join(', ') },
      { title: 'How they took part', value: participationModeLabel[e.mode] },
      { title: 'Lundy', value: e.lundy.map((l) => lundyLabel[l].split(':')[0]).join(', ') },
      { title: 'Individual or collective', value: e.scope === 'individual' ? 'Individual' : 'Collective' },
      { title: 'Shared with CICC and board', value: e.shareable ? 'Yes' : 'No' },
    ],
    trackerText: e.trackerItemId ? `The planned action is tracked in "my actions" for ${view.ownerName ?? 'its owner'}, due ${e.actionDue ?? ''}.` : '',
    canChange: view.canChange && e.status === 'active',
    exampleId: e.id,
  });
}

export interface ExampleRewordView {
  exampleId: string;
  title: string;
  /** The meeting's date in words ("Tuesday 8 December"). */
  meeting: string;
  /** The reading check's advice: the score, the hardest words and plainer ones (core/digests/reading-gate). */
  advice: string;
}

/** To an example's author: the CICC digest showed a safe line because the title reads above age 11. */
export function exampleRewordCard(view: ExampleRewordView): Card {
  return renderCard(exampleRewordTemplate, {
    intro: `The Children in Care Council digest for the meeting on ${view.meeting} quotes a shared example by its title. Young people may find yours hard to read (above reading age 11), so the digest shows a short general line instead. If you change the title, the next digest will quote it.`,
    title: view.title,
    advice: view.advice,
    exampleId: view.exampleId,
  });
}
