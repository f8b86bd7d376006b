import type { Application, TurnState } from '@microsoft/teams-ai';
import { type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import { AdminActionSchema, adminVerbs } from '../cards/admin-actions';
import { adminCard } from '../cards/admin-card';
import { adminOverview, deleteChannelPost, lastImportLines, listPausedMeetings, pauseMeetingNudges, resolveHeldImport, resolveParked, resumeMeetingNudges, type AdminFeature, type DeletePost } from '../core/admin';
import { exportAudit } from '../core/audit';
import { DomainError } from '../core/errors';
import { recipientKey } from '../core/model';
import type { Person } from '../core/model';
import type { Clock } from '../core/clock';
import type { PersonStore } from '../core/ports';
import { onCardAction, personOf, sendAnswer, wordsFor } from './card-action';
import { personalOnly } from './examples';
import type { BotConfig } from './services';

/** `admin`, `admin audit <from> <to>`, `admin pause <meeting id> [why]`, `admin resume <meeting id>`; not in the manifest's command list (admins only). */
export const ADMIN_COMMAND = /^\s*\/?admin(?![\w'-])\s*(.*)$/is;

type Services = { features: { admin?: AdminFeature }; people: Pick<PersonStore, 'get'>; config: BotConfig; clock: Clock };

/** Deletes a bot post through the Bot Connector, in the channel's own conversation (the bot's credentials). */
const deletePostVia = (context: TurnContext, s: Services, f: AdminFeature): DeletePost => async ({ recipient, conversationId, activityId }) => {
  const stored = await f.conversations.get(recipientKey(recipient));
  if (!stored) throw new DomainError('NOT_FOUND', 'The app is no longer in that channel, so I cannot delete the post. A team owner can delete it in Teams.');
  const reference = { ...(stored.reference as Partial<ConversationReference>) };
  reference.conversation = { ...(reference.conversation ?? {}), id: conversationId } as ConversationReference['conversation'];
  await (context.adapter as CloudAdapter).continueConversationAsync(s.config.MicrosoftAppId ?? '', reference, async (ctx) => {
    await ctx.deleteActivity(activityId);
  });
};

async function namesFor(f: AdminFeature, s: Services, ids: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of [...new Set(ids)].slice(0, 60)) {
    const person = await s.people.get(id);
    if (person) out[id] = person.displayName;
    else {
      const channel = await f.conversations.get(`channel:${id}`);
      if (channel?.channelName) out[id] = `"${channel.channelName}"`;
    }
  }
  return out;
}

async function overviewCard(f: AdminFeature, s: Services, actor: Person | undefined, notice?: string) {
  const view = await adminOverview(f.deps, actor);
  const paused = f.pause ? await listPausedMeetings(f.pause, actor) : [];
  const [heldImports, importProblems, applied] = f.imports ? await Promise.all([f.imports.list(), f.imports.problems(), f.imports.lastApplied()]) : [[], [], undefined];
  const lastImports = applied ? lastImportLines(applied, s.clock.now()) : undefined;
  const ids = [...view.parked, ...view.undelivered, ...view.posts].flatMap((m) => (!m.to ? [] : m.to.kind === 'person' ? [m.to.personId] : [m.to.channelId]));
  return adminCard(view, { names: await namesFor(f, s, [...ids, ...paused.map((p) => p.byId)]), notice, paused, heldImports, importProblems, ...(lastImports ? { lastImports } : {}) });
}

/** The admin view in Teams (docs/admin.md). Registered only when the composition root provides the feature. */
export function registerAdmin(app: Application<TurnState>, services: Services): void {
  const f = services.features.admin;
  if (!f) return;
  app.message(ADMIN_COMMAND, async (context) => {
    if (!(await personalOnly(context))) return;
    const actor = await personOf(context, services.people);
    const [sub, ...args] = (ADMIN_COMMAND.exec(context.activity.text ?? '')?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
    try {
      if (sub?.toLowerCase() === 'audit') {
        const out = await exportAudit({ reader: f.auditReader, audit: f.deps.audit }, { actor, period: { from: args[0], to: args[1] }, via: 'bot' });
        const byAction = new Map<string, number>();
        for (const e of out.entries) byAction.set(e.action, (byAction.get(e.action) ?? 0) + 1);
        const lines = [...byAction].sort((a, b) => b[1] - a[1]).map(([a, n]) => `- ${a}: ${n}`);
        await context.sendActivity(
          `Audit trail ${out.period.from} to ${out.period.to}: ${out.entries.length} entries.\n\n${lines.join('\n')}\n\n` +
            `The full CSV: GET /api/export/audit?from=${out.period.from}&to=${out.period.to} signed in as an administrator (docs/admin.md). This export is itself audited.`,
        );
        return;
      }
      if (sub?.toLowerCase() === 'pause') {
        if (!f.pause) throw new DomainError('NOT_FOUND', 'The voice feature is not running, so there are no nudges to pause.');
        await context.sendActivity(await pauseMeetingNudges(f.pause, actor, { meetingId: args[0] ?? '', reason: args.slice(1).join(' ') || undefined }));
        return;
      }
      if (sub?.toLowerCase() === 'resume') {
        if (!f.pause) throw new DomainError('NOT_FOUND', 'The voice feature is not running, so there are no nudges to resume.');
        await context.sendActivity(await resumeMeetingNudges(f.pause, actor, { meetingId: args[0] ?? '' }));
        return;
      }
      await sendAnswer(context, await overviewCard(f, services, actor));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      await context.sendActivity(wordsFor(err));
    }
  });

  onCardAction(app, {
    verbs: adminVerbs,
    schema: AdminActionSchema,
    unreadable: (error) => error.issues.map((i) => i.message).join(' '),
    actor: 'anyone',
    people: services.people,
    async handle(a, actor, context) {
      let notice: string | undefined;
      if (a.verb === 'admin.retry' || a.verb === 'admin.discard') notice = await resolveParked(f.deps, actor, { id: a.id, how: a.verb === 'admin.retry' ? 'retry' : 'discard' });
      if (a.verb === 'admin.deletePost') notice = await deleteChannelPost({ ...f.deps, deletePost: deletePostVia(context, services, f) }, actor, { id: a.id });
      if (a.verb === 'admin.confirmImport' || a.verb === 'admin.discardImport') {
        if (!f.imports) throw new DomainError('NOT_FOUND', 'Imports are not running in this app, so there is nothing to confirm.');
        notice = await resolveHeldImport({ imports: f.imports, audit: f.deps.audit }, actor, { id: a.id, how: a.verb === 'admin.confirmImport' ? 'confirm' : 'discard' });
      }
      if (a.verb === 'admin.pause') {
        if (!f.pause) throw new DomainError('NOT_FOUND', 'The voice feature is not running, so there are no nudges to pause.');
        notice = await pauseMeetingNudges(f.pause, actor, { meetingId: a.meetingId, reason: a.reason });
      }
      if (a.verb === 'admin.resume') {
        if (!f.pause) throw new DomainError('NOT_FOUND', 'The voice feature is not running, so there are no nudges to resume.');
        notice = await resumeMeetingNudges(f.pause, actor, { meetingId: a.meetingId });
      }
      return overviewCard(f, services, actor, notice);
    },
    // A refusal is said in words; anything else (a message gone, a race) redraws the card saying what happened.
    refused: async (words, err, actor) => (err.code === 'FORBIDDEN' ? words : overviewCard(f, services, actor, words)),
  });
}
