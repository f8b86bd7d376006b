import type { Clock } from '../clock';
import { RoleSchema, type Role } from '../model/person';
import type { RoleGroups } from './ports';

export interface RoleResolverOptions {
  roleGroups: RoleGroups;
  /** The ids of every user in a group (nested groups included). */
  listMemberIds(groupId: string): Promise<readonly string[]>;
  clock: Clock;
  /** How long a group's membership is trusted before it is read again: someone removed from a group loses the role within it. */
  ttlMs?: number;
  /** How long a failed read is remembered, so an outage costs one slow call per group, not one per turn. */
  failureTtlMs?: number;
}

/** Group membership is read again after 15 minutes; a failed read is tried again after 30 seconds. */
export const ROLE_CACHE_TTL_MS = 15 * 60_000;
export const ROLE_FAILURE_TTL_MS = 30_000;

/**
 * rolesFor(personId) from group membership. Each role group is read once per TTL and shared by every
 * lookup, so a scan over hundreds of people costs one paged read per group, not one call per person.
 */
export function createRoleResolver(options: RoleResolverOptions): (personId: string) => Promise<Role[]> {
  const ttlMs = options.ttlMs ?? ROLE_CACHE_TTL_MS;
  const failureTtlMs = options.failureTtlMs ?? ROLE_FAILURE_TTL_MS;
  const cache = new Map<string, { at: number; ttl: number; members: Promise<Set<string>> }>();

  const membersOf = (groupId: string): Promise<Set<string>> => {
    const now = options.clock.now().getTime();
    const hit = cache.get(groupId);
    if (hit && now - hit.at < hit.ttl) return hit.members;
    const members = options.listMemberIds(groupId).then((ids) => new Set(ids.map((id) => id.toLowerCase())));
    const entry = { at: now, ttl: ttlMs, members };
    cache.set(groupId, entry);
    // A failed read is remembered briefly (lookups fail at once), then read again; never the old membership.
    members.catch(() => {
      entry.ttl = failureTtlMs;
    });
    return members;
  };

  return async (personId) => {
    const id = personId.toLowerCase();
    const held = await Promise.all(
      RoleSchema.options.map(async (role): Promise<Role[]> => {
        const sets = await Promise.all((options.roleGroups[role] ?? []).map(membersOf));
        return sets.some((s) => s.has(id)) ? [role] : [];
      }),
    );
    return held.flat();
  };
}
