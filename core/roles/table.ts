import { roleLabel, RoleSchema } from '../model/person';
import { ACTIONS, POLICY, relationLabel, type Relation } from './policy';

const doors = (verbs: readonly string[]): string => verbs.map((v) => (v.includes(' ') || !v.includes('.') ? `"${v}"` : `\`${v}\``)).join(', ');

/** The policy as the markdown table in docs/roles.md (scripts/roles-table.mjs writes it; a test keeps the two identical). */
export function rolesTableMarkdown(): string {
  const roles = RoleSchema.options;
  const head = `| action | what it allows | commands and card verbs | ${roles.map((r) => roleLabel[r]).join(' | ')} | also allowed for |`;
  const rule = `|${' --- |'.repeat(roles.length + 4)}`;
  const rows = ACTIONS.map((a) => {
    const r = POLICY[a];
    const cells = roles.map((role) => ((r.roles as readonly string[]).includes(role) ? 'yes' : ''));
    const also = (r.relations as readonly Relation[]).map((x) => relationLabel[x]).join('; ');
    return `| \`${a}\` | ${r.what.replace(/\|/g, '\\|')} | ${doors(r.verbs)} | ${cells.join(' | ')} | ${also} |`;
  });
  return [head, rule, ...rows].join('\n');
}

/** docs/roles.md with its table replaced by the policy's. */
export function withRolesTable(doc: string): string {
  return doc.replace(/(<!-- roles-table:start -->\n)[\s\S]*?(\n<!-- roles-table:end -->)/, (_m, a: string, b: string) => `${a}${rolesTableMarkdown()}${b}`);
}
