import { ForumActionSchema, forumVerbs, type ForumAction, type ForumEditorInputs } from '../cards/forums-actions';
import { forumEditorCard, forumListCard, forumPrintableLinkCard, occurrenceCard, outcomeCard, type Choice } from '../cards/forums-cards';
import { draftFromEditor, editorValuesOf, fieldErrorsOf, outcomeErrorsForCard, outcomeFromInputs } from '../cards/forums-forms';
import type { Card } from '../cards/render';
import { londonDate } from '../core/calendar';
import { DomainError, type FieldErrors } from '../core/errors';
import type { Forum, ForumFeature, Occurrence } from '../core/forums';
import { cancelOccurrence, canManageForums, FORUMS_FORBIDDEN, listUpcoming, moveOccurrence, previewDraft, restoreOccurrence, saveForum, recordForumOutcome, requireOutcomeRecorder, printableYouSaidWeDid, describeRule, nextOccurrences, occurrenceInWords, occurrenceOn, previousOccurrences, canRecordOutcome } from '../core/forums';
import { hasRole, type Person } from '../core/model';
import { sendAnswer, type CardAction } from './card-action';

const DAY = 86_400_000;

// A card must stay under ~80 KB, and the outcome form repeats the list once per point.
const MAX_CHOICES = 60;

/** Facilitators and owners: people who run forums or own actions (plus anyone named already), A to Z. */
async function peopleChoices(f: ForumFeature, include: readonly string[] = []): Promise<Choice[]> {
  const people = (await f.people.list()).filter(
    (p) => include.includes(p.id) || hasRole(p, 'participation_officer', 'manager', 'senior_manager', 'admin'),
  );
  return people
    .map((p) => ({ title: p.displayName, value: p.id }))
    .sort((a, b) => a.title.localeCompare(b.title))
    .slice(0, MAX_CHOICES);
}

async function channelChoices(f: ForumFeature): Promise<Choice[]> {
  const mapped = (await f.mappings.list()).map((m) => ({ value: m.channelId, title: `${m.channelName ?? 'Channel'} (${m.label})` }));
  const known = ((await f.conversations?.listChannels()) ?? []).map((c) => ({
    value: c.key.replace(/^channel:/, ''),
    title: c.channelName ?? 'A channel (name not known)',
  }));
  const seen = new Set<string>();
  return [...mapped, ...known].filter((c) => !seen.has(c.value) && seen.add(c.value));
}

async function editor(f: ForumFeature, values: ForumEditorInputs, errors: FieldErrors = {}, withPreview = false): Promise<Card> {
  let preview: ReturnType<typeof previewDraft> | undefined;
  if (withPreview && !Object.keys(errors).length) {
    try {
      const existing = values.forumId ? (await f.forums.get(values.forumId))?.value : undefined;
      preview = previewDraft(draftFromEditor(values), f.clock.now(), existing);
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'INVALID') throw err;
      errors = fieldErrorsOf(err);
    }
  }
  const current = (values.facilitatorIds ?? '').split(',').filter(Boolean);
  return forumEditorCard({ values, errors, people: await peopleChoices(f, current), channels: await channelChoices(f), preview });
}

/** `forums`: the next dates of every forum (anyone may look; officers get the buttons to change them). */
export async function forumsListCard(actor: Person | undefined, f: ForumFeature, only?: { forumId: string; notice: string }): Promise<Card> {
  const all = await listUpcoming(f, only ? 5 : 3);
  const rows = await Promise.all((only ? all.filter((r) => r.forum.id === only.forumId) : all).map(async (r) => ({ ...r, toRecord: await lastUnrecorded(actor, f, r.forum) })));
  return forumListCard({ rows, canManage: canManageForums(actor), notice: only?.notice });
}

/** The last meeting, while nothing is recorded for it, for those who may record it: the request card may be lost in a busy chat. */
async function lastUnrecorded(actor: Person | undefined, f: ForumFeature, forum: Forum): Promise<Occurrence | undefined> {
  if (!canRecordOutcome(actor, forum)) return undefined;
  const [last] = previousOccurrences(forum, f.clock.now(), 1, { skipCancelled: true });
  return last && !(await f.outcomes.get(forum.id, last.originalDate)) ? last : undefined;
}

async function occurrences(f: ForumFeature, forumId: string, done?: string, values?: Record<string, string | undefined>, errors?: FieldErrors) {
  const forum = (await f.forums.get(forumId))?.value;
  if (!forum) throw new DomainError('NOT_FOUND', 'That forum no longer exists.');
  return occurrenceCard({ forum, occurrences: nextOccurrences(forum, f.clock.now(), 8), done, values, errors });
}

const OUTCOME_TAKEN = 'What you typed is still here: to add a point, type "you said" and choose this forum.';

async function outcomeForm(f: ForumFeature, actor: Person | undefined, forumId: string, originalDate: string, values?: Record<string, string | undefined>, errors?: FieldErrors, notice?: string) {
  const forum = (await f.forums.get(forumId))?.value;
  if (!forum) throw new DomainError('NOT_FOUND', 'That forum no longer exists.');
  await requireOutcomeRecorder(actor, forum, f.audit);
  const occurrence = occurrenceOn(forum, originalDate) ?? previousOccurrences(forum, f.clock.now(), 1)[0];
  if (!occurrence) throw new DomainError('NOT_FOUND', `${forum.name} has not met yet.`);
  const defaultDue = londonDate(new Date(f.clock.now().getTime() + 28 * DAY));
  return outcomeCard({ forum, occurrence, people: await peopleChoices(f, forum.facilitatorIds), values, errors, defaultDue, notice });
}

async function act(actor: Person | undefined, a: ForumAction, f: ForumFeature): Promise<Card | string> {
  switch (a.verb) {
    case 'forum.new':
      if (!canManageForums(actor)) return FORUMS_FORBIDDEN;
      return editor(f, editorValuesOf(undefined, londonDate(f.clock.now())));
    case 'forum.edit': {
      if (!canManageForums(actor)) return FORUMS_FORBIDDEN;
      const forum = (await f.forums.get(a.forumId))?.value;
      if (!forum) return 'That forum no longer exists.';
      return editor(f, editorValuesOf(forum, londonDate(f.clock.now())), {}, true);
    }
    case 'forum.preview':
      return editor(f, a, {}, true);
    case 'forum.save':
      try {
        const forum = await saveForum(f, { actor, draft: draftFromEditor(a), forumId: a.forumId });
        const notice = `Saved. ${forum.name} meets ${describeRule(forum)}. The next five dates:`;
        return forumsListCard(actor, f, { forumId: forum.id, notice });
      } catch (err) {
        const errors = fieldErrorsOf(err);
        if (Object.keys(errors).length) return editor(f, a, errors);
        throw err;
      }
    case 'forum.occurrence.open':
      if (!canManageForums(actor)) return FORUMS_FORBIDDEN;
      return occurrences(f, a.forumId);
    case 'forum.occurrence.move':
    case 'forum.occurrence.cancel':
    case 'forum.occurrence.restore':
      try {
        const req = { actor, forumId: a.forumId, originalDate: a.originalDate };
        const { occurrence } =
          a.verb === 'forum.occurrence.move'
            ? await moveOccurrence(f, { ...req, date: a.newDate ?? '', time: a.newTime ?? '', place: a.newPlace })
            : a.verb === 'forum.occurrence.cancel'
              ? await cancelOccurrence(f, { ...req, reason: a.reason })
              : await restoreOccurrence(f, req);
        const done =
          occurrence.status === 'cancelled'
            ? `the meeting on ${occurrenceInWords({ date: occurrence.originalDate, time: occurrence.time })} is cancelled. No reminders will go out for it.`
            : occurrence.status === 'moved'
              ? `moved to ${occurrenceInWords(occurrence)}. Reminders will follow the new date.`
              : `${occurrenceInWords(occurrence)} is back as planned.`;
        return occurrences(f, a.forumId, done);
      } catch (err) {
        const errors = fieldErrorsOf(err);
        if (Object.keys(errors).length) return occurrences(f, a.forumId, undefined, a, errors);
        throw err;
      }
    case 'forum.outcome.open':
      return outcomeForm(f, actor, a.forumId, a.originalDate);
    case 'forum.printable': {
      const p = await printableYouSaidWeDid(f, actor, a);
      return forumPrintableLinkCard({ forumId: p.forum.id, forumName: p.forum.name, originalDate: a.originalDate, dateWords: p.dateWords, url: p.url });
    }
    case 'forum.outcome.save':
      try {
        const outcome = await recordForumOutcome(f, actor, outcomeFromInputs(a));
        const items = outcome.points.filter((p) => p.kind === 'action').length;
        return (
          `Saved, thank you. ${outcome.attendance.total === 1 ? '1 young person' : `${outcome.attendance.total} young people`} came. ` +
          (items === 1
            ? 'One "You said" item was created; its owner will see it in **my actions**.'
            : `${items} "You said" items were created; their owners will see them in **my actions**.`)
        );
      } catch (err) {
        // Another facilitator saved first: keep what this one typed, and say how to add a point.
        if (err instanceof DomainError && err.code === 'CONFLICT') return outcomeForm(f, actor, a.forumId, a.originalDate, a, {}, `${err.message} ${OUTCOME_TAKEN}`);
        const errors = fieldErrorsOf(err);
        if (Object.keys(errors).length) return outcomeForm(f, actor, a.forumId, a.originalDate, a, outcomeErrorsForCard(errors, a));
        throw err;
      }
  }
}

/**
 * A forum card's buttons (Universal Actions): a card to replace the one pressed, or plain words. The
 * printable link comes as a message of its own, so the reminder it was asked from stays as it was.
 */
export const forumAction = (f: ForumFeature): CardAction<typeof ForumActionSchema, 'anyone'> => ({
  verbs: forumVerbs,
  schema: ForumActionSchema,
  unreadable: "Sorry, that button doesn't do anything any more. Type **forums** to start again.",
  actor: 'anyone',
  people: f.people,
  async handle(a, actor, context) {
    const answer = await act(actor, a, f);
    if (a.verb !== 'forum.printable' || typeof answer === 'string') return answer;
    await sendAnswer(context, answer);
    return 'A fresh link is below. It works for one hour.';
  },
});
