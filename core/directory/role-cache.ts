import type { Clock } from '../clock';
import { RoleSchema, type Role } from '../model/person';
import type { RoleGroups } from './ports';

export interface RoleResolverOptions {
  roleGroups: RoleGroups;
  /** The ids of every user in a group (nested groups included). */
  listMemberIds(groupId: string): Promise<readonly string[]>;
  clock: Clock;
  /** How long a group's membership is trusted before it is read again. */
  ttlMs?: number;
}

/**
 * rolesFor(personId) from group membership. Each role group is read once per TTL and shared by every
 * lookup, so a scan over hundreds of people costs one paged read per group, not one call per person.
 */
export function createRoleResolver(options: RoleResolverOptions): (personId: string) => Promise<Role[]> {
  const ttlMs = options.ttlMs ?? 15 * 60_000;
  const cache = new Map<string, { at: number; members: Promise<Set<string>> }>();

  const membersOf = (groupId: string): Promise<Set<string>> => {
    const now = options.clock.now().getTime();
    const hit = cache.get(groupId);
    if (hit && now - hit.at < ttlMs) return hit.members;
    const members = options.listMemberIds(groupId).then((ids) => new Set(ids.map((id) => id.toLowerCase())));
    cache.set(groupId, { at: now, members });
    // A failed read is not cached: the next lookup tries again.
    members.catch(() => cache.get(groupId)?.members === members && cache.delete(groupId));
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
