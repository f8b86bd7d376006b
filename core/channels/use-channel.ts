import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { Person } from '../model/person';
import { decide } from '../roles/authorise';
import { parseAudience, type ChannelMapping, type NamedForum } from './channel-mapping';
import type { AuditLog } from '../ports';
import type { ChannelMappingStore } from './ports';

/** Only these roles may point the bot's channel posts somewhere (posts there are seen by every member). */
export const canManageChannels = (person: Person | undefined): person is Person =>
  decide(person, 'channel.map').allowed;

export const CHANNELS_FORBIDDEN =
  'Only a participation officer or an administrator can choose which channel the bot uses.';

export interface UseChannelDeps {
  mappings: ChannelMappingStore;
  clock: Clock;
  audit?: AuditLog;
  /** Forums that a channel can be named for. */
  listForums(): Promise<NamedForum[]>;
  /** Social work teams: a team's channel gets its weekly digest (totals only). */
  listTeams?(): Promise<NamedForum[]>;
}

export interface UseChannelRequest {
  actor: Person | undefined;
  audienceText: string;
  channel: { channelId: string; channelName?: string; teamId?: string };
}

/** "use this channel for <audience>": stores the mapping and returns it (the previous one, if replaced). */
export async function useChannelFor(
  deps: UseChannelDeps,
  req: UseChannelRequest,
): Promise<{ mapping: ChannelMapping; replaced?: ChannelMapping }> {
  if (!canManageChannels(req.actor)) throw new DomainError('FORBIDDEN', CHANNELS_FORBIDDEN);
  const { audience, label } = parseAudience(req.audienceText, await deps.listForums(), (await deps.listTeams?.()) ?? []);
  const before = await deps.mappings.get(audience);
  const mapping: ChannelMapping = {
    audience,
    label,
    channelId: req.channel.channelId,
    channelName: req.channel.channelName,
    teamId: req.channel.teamId,
    setBy: req.actor.id,
    setAt: deps.clock.now().toISOString(),
  };
  await deps.mappings.save(mapping);
  await deps.audit?.append({
    actorId: req.actor.id,
    action: 'channel.mapped',
    recordType: 'channel-mapping',
    recordId: audience,
    detail: { channelId: mapping.channelId, previousChannelId: before?.channelId },
  });
  return { mapping, replaced: before && before.channelId !== mapping.channelId ? before : undefined };
}

/** The current mappings, sorted by audience label, for `channels`. */
export async function listChannelMappings(deps: Pick<UseChannelDeps, 'mappings'>): Promise<ChannelMapping[]> {
  return (await deps.mappings.list()).sort((a, b) => a.label.localeCompare(b.label));
}
