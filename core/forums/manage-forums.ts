import { z } from 'zod';
import type { Clock, NewId } from '../clock';
import { londonDate } from '../calendar/working-days';
import { DomainError } from '../errors';
import type { Person } from '../model/person';
import { decide } from '../roles/authorise';
import type { AuditLog } from '../ports';
import { ForumSchema, ForumTypeSchema, LondonDateSchema, WallTimeSchema, type Forum, type OccurrenceOverride } from './forum';
import type { ForumStore } from './ports';
import { describeRule, nextOccurrences, occurrenceOn, parseRule, PlainRuleSchema, ruleFromChoice, type Occurrence } from './recurrence';

export const FORUMS_FORBIDDEN = 'Only a participation officer or an administrator can set up or change forums.';

/** Participation officers (and admins) run the forums. */
export const canManageForums = (person: Person | undefined): person is Person =>
  decide(person, 'forum.edit').allowed;

/** What the forum editor card submits, once parsed. The rule is a plain choice or a custom RRULE. */
export const ForumDraftSchema = z.object({
  name: z.string().trim().min(1, 'Give the forum a name.').max(120),
  type: z.enum(ForumTypeSchema.options, { error: 'Choose a type of forum.' }),
  repeat: z.union([z.object({ plain: PlainRuleSchema }), z.object({ rrule: z.string().trim().min(6, 'Write a rule such as FREQ=MONTHLY;BYDAY=1WE') })]),
  startDate: z.iso.date({ error: 'Choose the first possible date.' }),
  time: WallTimeSchema,
  place: z.string().trim().max(300).optional(),
  onlineLink: z.url({ protocol: /^https$/, error: 'Use a full https:// link.' }).max(500).optional(),
  facilitatorIds: z.array(z.string().min(1)).max(20).default([]),
  channelId: z.string().min(1).optional(),
  reminderOffsetsDays: z
    .array(z.number({ error: 'Use whole numbers of days, such as 7, 1.' }).int('Use whole numbers of days, such as 7, 1.').min(0).max(60, 'At most 60 days before.'))
    .max(5, 'At most five reminders.')
    .default([7, 1]),
});
export type ForumDraft = z.input<typeof ForumDraftSchema>;

export interface ManageForumDeps {
  forums: ForumStore;
  clock: Clock;
  newId: NewId;
  audit?: AuditLog;
}

const ruleOfDraft = (d: z.infer<typeof ForumDraftSchema>): string => ('plain' in d.repeat ? ruleFromChoice(d.repeat.plain) : d.repeat.rrule);

/** A draft checked and turned into a forum (not saved); DomainError('INVALID') naming each field otherwise. */
export function forumFromDraft(
  draft: ForumDraft,
  o: { id: string; createdBy: string; now: Date; existing?: Forum },
): Forum {
  const parsed = ForumDraftSchema.safeParse(draft);
  if (!parsed.success) throw new DomainError('INVALID', 'Some entries need another look.', z.flattenError(parsed.error).fieldErrors);
  const d = parsed.data;
  const rrule = ruleOfDraft(d);
  try {
    parseRule(rrule);
  } catch (err) {
    if (err instanceof DomainError) throw new DomainError('INVALID', err.message, { repeat: [err.message] });
    throw err;
  }
  if (!d.place && !d.onlineLink) throw new DomainError('INVALID', 'Say where it meets.', { place: ['Give a place or an online link.'] });
  const forum = ForumSchema.parse({
    id: o.id,
    name: d.name,
    type: d.type,
    rrule,
    startDate: d.startDate,
    time: d.time,
    durationMinutes: o.existing?.durationMinutes,
    place: d.place,
    onlineLink: d.onlineLink,
    facilitatorIds: [...new Set(d.facilitatorIds)],
    channelId: d.channelId,
    reminderOffsetsDays: [...new Set(d.reminderOffsetsDays)].sort((a, b) => b - a),
    overrides: o.existing?.overrides ?? {},
    createdBy: o.existing?.createdBy ?? o.createdBy,
    updatedAt: o.now.toISOString(),
  });
  if (nextOccurrences(forum, o.now, 1, { skipCancelled: true }).length === 0)
    throw new DomainError('INVALID', 'That rule gives no future dates.', { repeat: ['That rule gives no dates from today on.'] });
  return forum;
}

/** The rule in words and the next five dates a draft would give, for the editor's preview. */
export function previewDraft(draft: ForumDraft, now: Date, existing?: Forum): { ruleWords: string; dates: Occurrence[] } {
  const forum = forumFromDraft(draft, { id: existing?.id ?? 'preview', createdBy: 'preview', now, existing });
  return { ruleWords: describeRule(forum), dates: nextOccurrences(forum, now, 5) };
}

/** Creates a forum, or edits one when `forumId` is given (keeping its moved and cancelled occurrences). */
export async function saveForum(
  deps: ManageForumDeps,
  req: { actor: Person | undefined; draft: ForumDraft; forumId?: string },
): Promise<Forum> {
  if (!canManageForums(req.actor)) throw new DomainError('FORBIDDEN', FORUMS_FORBIDDEN);
  const existing = req.forumId ? await deps.forums.get(req.forumId) : undefined;
  if (req.forumId && !existing) throw new DomainError('NOT_FOUND', 'That forum no longer exists.');
  const forum = forumFromDraft(req.draft, {
    id: existing?.value.id ?? deps.newId(),
    createdBy: req.actor.id,
    now: deps.clock.now(),
    existing: existing?.value,
  });
  await deps.forums.save(forum, existing?.etag);
  await deps.audit?.append({
    actorId: req.actor.id,
    action: existing ? 'forum.edited' : 'forum.created',
    recordType: 'forum',
    recordId: forum.id,
    detail: { rrule: forum.rrule, startDate: forum.startDate, time: forum.time },
  });
  return forum;
}

async function changeOccurrence(
  deps: ManageForumDeps,
  req: { actor: Person | undefined; forumId: string; originalDate: string },
  override: OccurrenceOverride | undefined,
): Promise<{ forum: Forum; occurrence: Occurrence }> {
  if (!canManageForums(req.actor)) throw new DomainError('FORBIDDEN', FORUMS_FORBIDDEN);
  const got = await deps.forums.get(req.forumId);
  if (!got) throw new DomainError('NOT_FOUND', 'That forum no longer exists.');
  if (!occurrenceOn(got.value, req.originalDate)) throw new DomainError('NOT_FOUND', `${got.value.name} does not meet on ${req.originalDate}.`);
  const overrides = { ...got.value.overrides };
  if (override) overrides[req.originalDate] = override;
  else delete overrides[req.originalDate];
  const forum: Forum = { ...got.value, overrides, updatedAt: deps.clock.now().toISOString() };
  await deps.forums.save(forum, got.etag);
  await deps.audit?.append({
    actorId: req.actor.id,
    action: override ? `forum.occurrence.${override.status}` : 'forum.occurrence.restored',
    recordType: 'forum',
    recordId: forum.id,
    detail: { originalDate: req.originalDate, ...(override ?? {}) },
  });
  return { forum, occurrence: occurrenceOn(forum, req.originalDate) as Occurrence };
}

/** Moves one occurrence (by its original date) to a new date and time; the rest are untouched. */
export async function moveOccurrence(
  deps: ManageForumDeps,
  req: { actor: Person | undefined; forumId: string; originalDate: string; date: string; time: string; place?: string },
) {
  const date = LondonDateSchema.safeParse(req.date);
  const time = WallTimeSchema.safeParse(req.time);
  if (!date.success || !time.success)
    throw new DomainError('INVALID', 'Give the new date and time.', {
      ...(date.success ? {} : { date: ['Choose a date.'] }),
      ...(time.success ? {} : { time: ['Use a 24-hour time such as 17:00.'] }),
    });
  // A year slipped in December would put the meeting in the past, where no reminder goes.
  if (date.data < londonDate(deps.clock.now()))
    throw new DomainError('INVALID', 'That date has passed.', { date: ['That date has passed: choose today or a later date.'] });
  const place = req.place?.trim() || undefined;
  return changeOccurrence(deps, req, { status: 'moved', date: date.data, time: time.data, place });
}

/** Cancels one occurrence; reminders for it stop. */
export async function cancelOccurrence(
  deps: ManageForumDeps,
  req: { actor: Person | undefined; forumId: string; originalDate: string; reason?: string },
) {
  return changeOccurrence(deps, req, { status: 'cancelled', reason: req.reason?.trim() || undefined });
}

/** Puts a moved or cancelled occurrence back as the rule has it. */
export async function restoreOccurrence(deps: ManageForumDeps, req: { actor: Person | undefined; forumId: string; originalDate: string }) {
  return changeOccurrence(deps, req, undefined);
}

/** For `forums`: each forum with its next occurrences (cancelled ones shown as such), soonest first. */
export async function listUpcoming(
  deps: Pick<ManageForumDeps, 'forums' | 'clock'>,
  perForum = 3,
): Promise<{ forum: Forum; occurrences: Occurrence[] }[]> {
  const now = deps.clock.now();
  const rows = (await deps.forums.list()).map((forum) => ({ forum, occurrences: nextOccurrences(forum, now, perForum) }));
  const first = (r: { occurrences: Occurrence[] }) => r.occurrences[0]?.start.getTime() ?? Infinity;
  return rows.sort((a, b) => first(a) - first(b) || a.forum.name.localeCompare(b.forum.name));
}
