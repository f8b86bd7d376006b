import { roleLabel, RoleSchema } from '../model/person';
import { ACTIONS, POLICY, relationLabel, type Relation } from './policy';

/** The policy as the markdown table in docs/roles.md (a test keeps the two identical). */
export function rolesTableMarkdown(): string {
  const roles = RoleSchema.options;
  const head = `| action | what it allows | ${roles.map((r) => roleLabel[r]).join(' | ')} | also allowed for |`;
  const rule = `|${' --- |'.repeat(roles.length + 3)}`;
  const rows = ACTIONS.map((a) => {
    const r = POLICY[a];
    const cells = roles.map((role) => ((r.roles as readonly string[]).includes(role) ? 'yes' : ''));
    const also = (r.relations as readonly Relation[]).map((x) => relationLabel[x]).join('; ');
    return `| \`${a}\` | ${r.what} | ${cells.join(' | ')} | ${also} |`;
  });
  return [head, rule, ...rows].join('\n');
}
