import type { Role } from '../core';

/** A command a person can type (or press on a card); the Teams manifest's command list is tested against this. */
export interface Command {
  name: string;
  description: string;
  /** Roles whose welcome card offers this command as a button. */
  roles: readonly Role[];
}

export const commands: readonly Command[] = [
  { name: 'help', description: 'What I can do, and the commands to ask for it', roles: [] },
  { name: 'my meetings', description: "Your children's meetings coming up, and whose views are still to gather", roles: ['social_worker'] },
  { name: 'my reviews', description: "Meetings you chair coming up, and whether each child's views are in", roles: ['iro', 'cp_chair'] },
  { name: 'team meetings', description: "Your team's meetings coming up, and where a child's voice is missing", roles: ['manager', 'senior_manager'] },
  { name: 'example', description: 'Share a participation example against our promises to children', roles: ['social_worker', 'participation_officer'] },
  { name: 'you said', description: 'Record something children told us, to track it to "we did"', roles: ['participation_officer', 'board_member'] },
  { name: 'my actions', description: '"You said, we did" actions you own, and what is due', roles: ['participation_officer', 'manager'] },
  { name: 'forums', description: 'Upcoming forums and groups for children and young people', roles: ['participation_officer'] },
  { name: 'channels', description: 'Which digests this channel receives (admins can change them)', roles: ['admin'] },
  { name: 'cover', description: 'Set who covers your nudges while you are away', roles: ['social_worker', 'manager'] },
  { name: 'report', description: 'Participation reports for your team or the service', roles: ['manager', 'senior_manager', 'board_member'] },
];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whole-word match at the start of the message, case-insensitive, spaces flexible:
 * "help", "Help me", "/help" match help; "helpful thing" does not.
 */
export const commandPattern = (name: string): RegExp =>
  new RegExp(`^\\s*/?${name.split(/\s+/).map(escape).join('\\s+')}(?![\\w'-])`, 'i');

export const commandNamed = (name: string): Command => {
  const found = commands.find((c) => c.name === name);
  if (!found) throw new Error(`unknown command '${name}': add it to bot/commands.ts`);
  return found;
};

/** The commands a person's welcome card offers, for all their roles, in list order. */
export const commandsForRoles = (roles: readonly Role[]): Command[] =>
  commands.filter((c) => c.roles.some((r) => roles.includes(r)));
