import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { Person } from '../model/person';
import { authorise, decide } from '../roles/authorise';
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
  /** Social work teams: a team's channel gets its weekly digest (totals only); its manager may choose it. */
  listTeams?(): Promise<(NamedForum & { managerId?: string })[]>;
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
  const teams = (await deps.listTeams?.()) ?? [];
  const { audience, label } = parseAudience(req.audienceText, await deps.listForums(), teams);
  // A team's own channel (totals only) is its manager's to choose too; every other audience is not.
  const team = audience.startsWith('team:') ? teams.find((t) => `team:${t.id}` === audience) : undefined;
  const decision = team
    ? await authorise(req.actor, 'channel.map.team', { label: team.name, recordType: 'channel-mapping', teamManagerId: team.managerId }, { audit: deps.audit })
    : await authorise(req.actor, 'channel.map', { label: audience, recordType: 'channel-mapping' }, { audit: deps.audit });
  if (!decision.allowed || !req.actor) throw new DomainError('FORBIDDEN', decision.allowed ? CHANNELS_FORBIDDEN : decision.reason);
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
