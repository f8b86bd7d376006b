import { fixedAudienceLabel, type ChannelMapping } from '../core/channels';
import { forumTypeLabel, type Forum, dateInWords, describeRule, occurrenceInWords, ordinalName, weekdayName, type Occurrence } from '../core/forums';
import type { ReminderView, OutcomeRequestView } from '../core/forums';
import { MAX_POINTS, type ForumEditorInputs, type OutcomeInputs } from './forums-actions';
import type { FieldErrors } from '../core/errors';
import channelListTemplate from './channel-list.json';
import editorTemplate from './forum-editor.json';
import listTemplate from './forum-list.json';
import occurrenceTemplate from './forum-occurrence.json';
import outcomeRequestTemplate from './forum-outcome-request.json';
import outcomeTemplate from './forum-outcome.json';
import reminderTemplate from './forum-reminder.json';
import printableTemplate from './forum-printable-link.json';
import { renderCard, type Card } from './render';

/** A choice in a drop-down or list. */
export interface Choice {
  title: string;
  value: string;
}
const choicesOf = (labels: Record<string, string>): Choice[] => Object.entries(labels).map(([value, title]) => ({ value, title }));

const frequencyChoices: Choice[] = [
  { value: 'weekly', title: 'Every week' },
  { value: 'fortnightly', title: 'Every two weeks' },
  { value: 'monthly', title: 'Every month' },
  { value: 'quarterly', title: 'Every three months (quarterly)' },
  { value: 'custom', title: 'My own rule (written below)' },
];
const ordinalChoices: Choice[] = ['1', '2', '3', '4', '-1'].map((v) => ({ value: v, title: `The ${ordinalName[v]} one` }));

/** A date in a list, with what happened to it in words (never colour alone). */
export function occurrenceLine(o: Occurrence): { words: string } {
  const when = occurrenceInWords(o);
  if (o.status === 'cancelled') return { words: `~~${when}~~ Cancelled` };
  if (o.status === 'moved') return { words: `${when} (moved from ${dateInWords(o.originalDate)}${o.placeChanged ? `, now at ${o.place}` : ''})` };
  return { words: when };
}

export interface ForumEditorView {
  values: ForumEditorInputs;
  errors: FieldErrors;
  people: Choice[];
  channels: Choice[];
  /** The rule in words and the next five dates, when the entries make a valid forum. */
  preview?: { ruleWords: string; dates: Occurrence[] };
}

/** The forum editor: a new forum, or one being changed; entries kept and problems named beside fields. */
export function forumEditorCard(view: ForumEditorView): Card {
  const editing = !!view.values.forumId;
  return renderCard(editorTemplate, {
    heading: editing ? `Change ${view.values.name ?? 'this forum'}` : 'Set up a forum',
    intro: 'Choose how often it meets in plain words, or write your own repeat rule. Times are UK time, and stay the same when the clocks change.',
    saveTitle: editing ? 'Save changes' : 'Save forum',
    forumId: view.values.forumId ?? '',
    values: view.values,
    errors: view.errors,
    hasErrors: Object.keys(view.errors).length > 0,
    typeChoices: choicesOf(forumTypeLabel),
    frequencyChoices,
    ordinalChoices,
    weekdayChoices: choicesOf(weekdayName),
    peopleChoices: view.people,
    channelChoices: [{ value: 'none', title: 'No channel (facilitators only)' }, ...view.channels],
    hasPreview: !!view.preview,
    preview: view.preview && { ruleWords: view.preview.ruleWords, dates: view.preview.dates.map(occurrenceLine) },
  });
}

/** `forums`: each forum with its next dates; officers also get buttons to change them. */
export function forumListCard(view: { rows: { forum: Forum; occurrences: Occurrence[]; toRecord?: Occurrence }[]; canManage: boolean; notice?: string }): Card {
  return renderCard(listTemplate, {
    heading: 'Forums coming up',
    notice: view.notice,
    emptyText: view.canManage ? 'No forums are set up yet. Press "Set up a forum" to add the first.' : 'No forums are set up yet.',
    canManage: view.canManage,
    forums: view.rows.map(({ forum, occurrences, toRecord }) => ({
      id: forum.id,
      name: forum.name,
      typeLabel: forumTypeLabel[forum.type],
      ruleWords: describeRule(forum),
      whereWords: [forum.place, forum.onlineLink ? 'Online link on the reminder.' : undefined].filter(Boolean).join('. '),
      dates: occurrences.map(occurrenceLine),
      // The last meeting while nothing is recorded for it (its facilitators, officers and admins): empty otherwise.
      toRecordDate: toRecord?.originalDate ?? '',
      toRecordTitle: toRecord ? `Record what was said on ${dateInWords(toRecord.date)}` : '',
    })),
    footer: 'Times are UK time. Reminders go to the forum\'s channel and to its facilitators.',
  });
}

/** Move or cancel one date of a forum. */
export function occurrenceCard(view: {
  forum: Forum;
  occurrences: Occurrence[];
  values?: Partial<Record<'originalDate' | 'newDate' | 'newTime' | 'newPlace' | 'reason', string>>;
  errors?: FieldErrors;
  done?: string;
}): Card {
  const errors = view.errors ?? {};
  return renderCard(occurrenceTemplate, {
    heading: `Move or cancel a date: ${view.forum.name}`,
    forumId: view.forum.id,
    done: view.done,
    values: { newTime: view.forum.time, ...view.values },
    errors,
    hasErrors: Object.keys(errors).length > 0,
    occurrenceChoices: view.occurrences.map((o) => ({ value: o.originalDate, title: occurrenceLine(o).words.replace(/~~/g, '') })),
  });
}

/** A reminder, for the forum's channel or a facilitator. */
export function forumReminderCard(view: ReminderView): Card {
  const doneWithheld = view.doneWithheld ?? 0;
  // The channel copy is read by young people too (the CICC's channel): no staff words, reading age 11 (tested).
  return renderCard(reminderTemplate, {
    ...view,
    done: (view.done ?? []).map((d) => ({ ...d, resultLabel: d.notPossible ? 'We could not, because:' : 'We did:' })),
    doneWithheld,
    doneWithheldWords:
      doneWithheld === 1
        ? 'One more is done. Its words are not shown here, to keep everyone private. The people who run the meeting can tell you about it.'
        : `${doneWithheld} more are done. Their words are not shown here, to keep everyone private. The people who run the meeting can tell you about them.`,
    printable: !!view.printable && !!view.occurrenceDate,
    occurrenceDate: view.occurrenceDate ?? '',
    withheldWords:
      view.withheld === 1
        ? 'One more thing is still open. Its words are not shown here, to keep everyone private. The people who run the meeting can tell you about it.'
        : `${view.withheld} more things are still open. Their words are not shown here, to keep everyone private. The people who run the meeting can tell you about them.`,
  });
}

/** A fresh link to a forum's printable "You said, we did" (links last an hour: the button gives another). */
export const forumPrintableLinkCard = (view: { forumId: string; forumName: string; originalDate: string; dateWords: string; url: string }): Card =>
  renderCard(printableTemplate, view);

/** The 1:1 nudge after a meeting, with a button that opens the outcome form. */
export const outcomeRequestCard = (view: OutcomeRequestView): Card => renderCard(outcomeRequestTemplate, view);

/** The outcome form: up to MAX_POINTS points and aggregate attendance; entries kept, problems beside fields. */
export function outcomeCard(view: {
  forum: Forum;
  occurrence: Occurrence;
  people: Choice[];
  values?: Partial<OutcomeInputs>;
  errors?: FieldErrors;
  defaultDue: string;
  /** Said above the points when the card comes back for a reason no field holds (someone else saved first). */
  notice?: string;
}): Card {
  const v = (view.values ?? {}) as Record<string, string | undefined>;
  const errors = view.errors ?? {};
  const points = Array.from({ length: MAX_POINTS }, (_, index) => ({
    index,
    number: index + 1,
    text: v[`p${index}text`] ?? '',
    kind: v[`p${index}kind`] ?? 'action',
    owner: v[`p${index}owner`] ?? '',
    due: v[`p${index}due`] ?? view.defaultDue,
    note: v[`p${index}note`] ?? '',
    textError: errors[`p${index}text`],
    ownerError: errors[`p${index}owner`],
    dueError: errors[`p${index}due`],
  }));
  return renderCard(outcomeTemplate, {
    heading: `What young people said at ${view.forum.name}, ${occurrenceInWords(view.occurrence)}`,
    forumId: view.forum.id,
    originalDate: view.occurrence.originalDate,
    points,
    peopleChoices: view.people,
    values: v,
    errors,
    hasErrors: Object.keys(errors).length > 0,
    notice: view.notice ?? '',
  });
}

/** `channels`: which channel serves which audience. */
export function channelListCard(view: { mappings: ChannelMapping[]; notice?: string; forumNames?: Record<string, string> }): Card {
  return renderCard(channelListTemplate, {
    heading: 'Channels I post to',
    notice: view.notice,
    mappings: view.mappings.map((m) => ({
      label: fixedAudienceLabel[m.audience] ?? view.forumNames?.[m.audience.slice('forum:'.length)] ?? m.label,
      where: m.channelName ? `the "${m.channelName}" channel` : 'a channel (name not known)',
    })),
    footer: 'Participation officers and administrators can change these: in the channel, say "use this channel for" and the audience (CICC, CPB, senior managers, participation team, or a forum\'s name).',
  });
}
