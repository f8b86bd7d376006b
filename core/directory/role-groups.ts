import { z } from 'zod';
import { RoleSchema } from '../model/person';
import type { RoleGroups } from './ports';

const GroupIdsSchema = z.array(z.uuid('each group id must be an Entra object id (a GUID)')).min(1);

/**
 * The ROLE_GROUPS setting, `social_worker=<id>,<id>;manager=<id>`: which Entra groups give which role.
 * Plain text rather than JSON, so it survives env files and ARM parameter substitution unescaped.
 */
export const RoleGroupsSchema = z
  .string()
  .default('')
  .transform((text, ctx): RoleGroups => {
    const groups: Record<string, string[]> = {};
    for (const entry of text.split(';').map((e) => e.trim()).filter(Boolean)) {
      const [role = '', ids = ''] = entry.split('=', 2).map((s) => s.trim());
      const parsedRole = RoleSchema.safeParse(role);
      const parsedIds = GroupIdsSchema.safeParse(ids.split(',').map((s) => s.trim()).filter(Boolean));
      if (!parsedRole.success) ctx.addIssue({ code: 'custom', message: `'${role}' is not a role (${RoleSchema.options.join(', ')})` });
      else if (!parsedIds.success) ctx.addIssue({ code: 'custom', message: `${role}: ${parsedIds.error.issues[0]?.message ?? 'no group ids'}` });
      else groups[parsedRole.data] = [...(groups[parsedRole.data] ?? []), ...parsedIds.data];
    }
    return groups;
  });
