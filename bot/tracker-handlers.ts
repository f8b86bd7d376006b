import { piiCard } from '../cards/examples-cards';
import { decide } from '../core/roles';
import type { Card } from '../cards/render';
import { TrackerActionSchema, trackerVerbs, toProgressInput, toRaiseInput, type ProgressFormValues, type TrackerAction, type YouSaidFormValues } from '../cards/tracker-actions';
import { actionUpdateCard, myActionsCard, rewordRequestCard, youSaidFormCard, type ItemView } from '../cards/tracker-cards';
import { readingAdvice, type ReadingCheck } from '../core/digests';
import { londonDate } from '../core/calendar';
import { DomainError } from '../core/errors';
import type { ParticipationFeature } from '../core/examples';
import { hasRole, type Person } from '../core/model';
import {
  authorise,
  editItem,
  listMyActions,
  raiseItem,
  recordFeedback,
  recordProgress,
  rewordItem,
  stageLabel,
  stageOf,
  withdrawItem,
  type ProgressResult,
  type TrackerItem,
} from '../core/tracker';
import type { CardAction } from './card-action';
import { ownersFor } from './examples-handlers';

const today = (f: ParticipationFeature) => londonDate(f.clock.now());

/** The reading-age advice beside each field that reads above the CICC's limit. */
const warningsOf = (reading: Record<string, ReadingCheck>) => Object.fromEntries(Object.entries(reading).map(([k, c]) => [k, readingAdvice(c)]));

/** An item as the cards show it: the owner by name, the stage in words. */
export async function itemView(item: TrackerItem, f: ParticipationFeature): Promise<ItemView> {
  const owner = await f.people.get(item.ownerId);
  const outcomeText = item.outcome
    ? item.outcome.kind === 'done'
      ? `We did: ${item.outcome.weDid}`
      : `Not possible, because: ${item.outcome.why}`
    : undefined;
  return {
    id: item.id,
    youSaid: item.youSaid,
    saidBy: item.saidBy,
    due: item.dueDate,
    stage: stageLabel[stageOf(item, today(f))],
    owner: owner?.displayName ?? 'Someone no longer in the directory',
    outcomeText,
  };
}

/** "My actions" (a manager's includes the team's), with an optional line saying what just happened. */
export async function actionsCard(actor: Person, f: ParticipationFeature, notice?: string): Promise<Card> {
  const rows = await listMyActions({ items: f.items, people: f.people, clock: f.clock }, actor);
  return myActionsCard({
    rows: await Promise.all(rows.map(async (r) => ({ ...(await itemView(r.item, f)), canUpdate: true }))),
    manager: hasRole(actor, 'manager', 'senior_manager', 'admin'),
    raiser: rows.some((r) => r.ownedByOther),
    notice,
  });
}

async function updateCard(actor: Person, f: ParticipationFeature, id: string, form?: ProgressFormValues, errors?: Record<string, string>, warnings?: Record<string, string>) {
  const got = await f.items.get(id);
  if (!got) throw new DomainError('NOT_FOUND', 'That action was not found.');
  const item = got.value;
  // Opening an item is itself checked: its owner, author, their managers or an admin (audited if refused).
  await authorise(actor, { authorId: item.raisedById, ownerId: item.ownerId, teamId: item.teamId, id: item.id }, 'update', f);
  const mode = item.status === 'open' ? 'outcome' : item.status === 'awaiting_feedback' ? 'feedback' : 'closed';
  return actionUpdateCard({
    item: await itemView(item, f),
    mode,
    form,
    errors,
    warnings,
    canWithdraw: decide(actor, 'tracker.edit', { authorId: item.raisedById }).allowed,
    today: today(f),
  });
}

const forumsOf = async (f: ParticipationFeature) => (f.forums ? await f.forums() : []);

const youSaidForm = async (actor: Person, f: ParticipationFeature, form?: YouSaidFormValues, errors?: Record<string, string>, warnings?: Record<string, string>) =>
  youSaidFormCard({ owners: await ownersFor(actor, f), forums: await forumsOf(f), today: today(f), form, errors, warnings, itemId: form?.itemId || undefined });

async function raise(actor: Person, f: ParticipationFeature, form: YouSaidFormValues, keepInternal: boolean, saveAnyway = false): Promise<Card> {
  const forumIds = (await forumsOf(f)).map((x) => x.id);
  if (form.itemId) {
    const edited = await editItem(f, { actor, id: form.itemId, input: toRaiseInput(form), keepInternal, saveAnyway, forumIds });
    if (edited.kind === 'invalid') return youSaidForm(actor, f, form, edited.errors);
    if (edited.kind === 'hard') return youSaidForm(actor, f, form, undefined, warningsOf(edited.reading));
    if (edited.kind === 'pii')
      return piiCard({ findings: edited.findings, texts: form, draft: form, rewriteVerb: 'yousaid.rewrite', keepVerb: 'yousaid.keepInternal', what: 'this "You said"' });
    return actionsCard(actor, f, 'Saved your changes. The history is kept in the audit trail.');
  }
  const res = await raiseItem(f, { actor, input: toRaiseInput(form), source: { kind: 'command' }, keepInternal, saveAnyway, forumIds });
  if (res.kind === 'invalid') return youSaidForm(actor, f, form, res.errors);
  if (res.kind === 'hard') return youSaidForm(actor, f, form, undefined, warningsOf(res.reading));
  if (res.kind === 'pii')
    return piiCard({ findings: res.findings, texts: form, draft: form, rewriteVerb: 'yousaid.rewrite', keepVerb: 'yousaid.keepInternal', what: 'this "You said"' });
  const owner = await f.people.get(res.item.ownerId);
  const marked = res.item.needsRewording ? ' Young people will see a short general line until a participation officer rewords it.' : '';
  return actionsCard(actor, f, `Tracked: "${res.item.youSaid}", owned by ${owner?.displayName ?? 'its owner'}, due ${res.item.dueDate}.${marked}`);
}

async function progressAnswer(actor: Person, f: ParticipationFeature, id: string, form: ProgressFormValues, res: ProgressResult): Promise<Card> {
  if (res.kind === 'invalid') return updateCard(actor, f, id, form, res.errors);
  if (res.kind === 'hard') return updateCard(actor, f, id, form, undefined, warningsOf(res.reading));
  if (res.kind === 'pii')
    return piiCard({ findings: res.findings, texts: form, draft: form, rewriteVerb: 'tracker.rewrite', keepVerb: 'tracker.keepInternal', recordId: id, what: 'this outcome' });
  const closed = res.item.status === 'closed';
  return actionsCard(actor, f, closed ? 'Closed: the outcome and the feedback to the children are recorded.' : 'Saved. It closes once you record that the children were told.');
}

/** Every tracker card action, by verb: the answer replaces the card pressed. */
export const trackerAction = (f: ParticipationFeature): CardAction<typeof TrackerActionSchema, 'known'> => ({
  verbs: trackerVerbs,
  schema: TrackerActionSchema,
  unreadable: "Sorry, I didn't understand that button. Type **my actions** to start again.",
  actor: 'known',
  people: f.people,
  handle: (a, actor) => act(actor, a, f),
});

async function act(actor: Person, a: TrackerAction, f: ParticipationFeature): Promise<Card | string> {
  switch (a.verb) {
    case 'yousaid.new':
      return youSaidForm(actor, f);
    case 'yousaid.submit': {
      const { verb: _v, ...form } = a;
      return await raise(actor, f, form, false);
    }
    case 'yousaid.saveAnyway': {
      const { verb: _v, ...form } = a;
      return await raise(actor, f, form, false, true);
    }
    case 'yousaid.rewrite':
      return youSaidForm(actor, f, a.draft);
    case 'yousaid.keepInternal':
      return await raise(actor, f, a.draft, true);
    case 'tracker.list':
      return actionsCard(actor, f);
    case 'tracker.open':
      return await updateCard(actor, f, a.itemId);
    case 'tracker.progress': {
      const { verb: _v, itemId, ...form } = a;
      return progressAnswer(actor, f, itemId, form, await recordProgress(f, { actor, id: itemId, input: toProgressInput(form) }));
    }
    case 'tracker.saveAnyway': {
      const { verb: _v, itemId, ...form } = a;
      return progressAnswer(actor, f, itemId, form, await recordProgress(f, { actor, id: itemId, input: toProgressInput(form), saveAnyway: true }));
    }
    case 'tracker.reword': {
      const res = await rewordItem(f, { actor, id: a.itemId, input: { youSaid: a.youSaid ?? '', outcome: a.outcome || undefined } });
      if (res.kind === 'updated') return 'Thank you: saved in plainer words. The next digest for the Children in Care Council will quote them.';
      const got = await f.items.get(a.itemId);
      const errors = res.kind === 'invalid' ? res.errors : res.kind === 'pii' ? Object.fromEntries(Object.keys(res.findings).map((k) => [k, 'This may identify someone: please write it in general terms.'])) : undefined;
      return rewordRequestCard({
        itemId: a.itemId, meeting: 'the next meeting', form: { youSaid: a.youSaid ?? '', outcome: a.outcome }, outcomeKind: got?.value.outcome?.kind,
        errors, warnings: res.kind === 'hard' ? warningsOf(res.reading) : undefined,
      });
    }
    case 'tracker.rewrite':
      return await updateCard(actor, f, a.recordId, a.draft);
    case 'tracker.keepInternal':
      return progressAnswer(actor, f, a.recordId, a.draft, await recordProgress(f, { actor, id: a.recordId, input: toProgressInput(a.draft), keepInternal: true }));
    case 'tracker.feedback': {
      const form = { feedbackOn: a.feedbackOn, feedbackHow: a.feedbackHow };
      const res = await recordFeedback(f, { actor, id: a.itemId, input: { feedbackOn: form.feedbackOn || undefined, feedbackHow: form.feedbackHow } });
      return progressAnswer(actor, f, a.itemId, form, res);
    }
    case 'tracker.edit': {
      const got = await f.items.get(a.itemId);
      if (!got) throw new DomainError('NOT_FOUND', 'That action was not found.');
      const i = got.value;
      await authorise(actor, { authorId: i.raisedById, id: i.id }, 'edit', f);
      return youSaidForm(actor, f, { youSaid: i.youSaid, saidBy: i.saidBy, forumId: i.forumId, ownerId: i.ownerId, dueDate: i.dueDate, itemId: i.id });
    }
    case 'tracker.withdraw':
      await withdrawItem(f, { actor, id: a.itemId });
      return actionsCard(actor, f, 'Withdrawn. Its history is kept in the audit trail.');
  }
}
