import { DomainError } from '../errors';
import type { Person } from '../model/person';
import { requireAllowed } from '../roles/authorise';
import type { AdminDeps } from './overview';
import type { DeletePost } from './ports';

type Actor = Pick<Person, 'id' | 'roles'> | undefined;

const CHANGED = 'That message changed while you were looking: here is the list as it is now.';

/** Retry or discard one parked message; audited either way. */
export async function resolveParked(deps: AdminDeps, actor: Actor, input: { id: string; how: 'retry' | 'discard' }): Promise<string> {
  await requireAllowed(actor, 'admin.outbox', { label: input.id, recordType: 'outbox' }, { audit: deps.audit });
  const item = await deps.outbox.get(input.id);
  if (!item || item.status !== 'parked') throw new DomainError('CONFLICT', CHANGED);
  const done = input.how === 'retry' ? await deps.outbox.retry(item.id) : await deps.outbox.discard(item.id);
  if (!done) throw new DomainError('CONFLICT', CHANGED);
  await deps.audit.append({ actorId: actor!.id, action: `outbox.${input.how === 'retry' ? 'retried' : 'discarded'}`, recordType: 'outbox', recordId: item.id, detail: { kind: item.kind, lastError: item.lastError } });
  return input.how === 'retry' ? `The ${item.kind} message will be sent again within a minute.` : `The ${item.kind} message was discarded: it will not be sent.`;
}

/**
 * Deletes a channel post the bot made (in case something identifying got through). The post is
 * deleted in Teams first, then marked on file, then audited; the card's content is not kept in the audit.
 */
export async function deleteChannelPost(deps: AdminDeps & { deletePost: DeletePost }, actor: Actor, input: { id: string }): Promise<string> {
  await requireAllowed(actor, 'admin.delete-post', { label: input.id, recordType: 'outbox' }, { audit: deps.audit });
  const item = await deps.outbox.get(input.id);
  if (!item || item.status !== 'sent' || !item.activityId || !item.conversationId || item.to?.kind !== 'channel') throw new DomainError('NOT_FOUND', 'That post is not on file any more (posts are kept 30 days).');
  if (item.lastError === 'deleted_by_admin') return 'That post was already deleted.';
  await deps.deletePost({ recipient: item.to, conversationId: item.conversationId, activityId: item.activityId });
  await deps.outbox.markDeleted(item.id);
  await deps.audit.append({ actorId: actor!.id, action: 'outbox.post-deleted', recordType: 'outbox', recordId: item.id, detail: { kind: item.kind, channelId: item.to.channelId, activityId: item.activityId } });
  return `Deleted the ${item.kind} post from the channel.`;
}
