import { z } from 'zod';
import { DomainError } from '../errors';

/** Who a channel is for. A named forum is `forum:<forumId>`; a social work team's own channel `team:<teamId>`. */
export const AudienceSchema = z.union([
  z.enum(['cicc', 'cpb', 'senior_managers', 'participation_team']),
  z.templateLiteral(['forum:', z.string().min(1).max(64)]),
  z.templateLiteral(['team:', z.string().min(1).max(64)]),
]);
export type Audience = z.infer<typeof AudienceSchema>;

export const fixedAudienceLabel: Record<string, string> = {
  cicc: 'Children in Care Council',
  cpb: 'Corporate Parenting Board',
  senior_managers: 'Senior managers',
  participation_team: 'Participation team',
};

/** Which channel serves which audience: one channel per audience, set by a participation officer or admin. */
export const ChannelMappingSchema = z.object({
  audience: AudienceSchema,
  /** Plain name of the audience when the mapping was set (a forum's name may change later). */
  label: z.string().min(1).max(120),
  channelId: z.string().min(1).max(200),
  channelName: z.string().max(200).optional(),
  teamId: z.string().max(200).optional(),
  setBy: z.string().min(1),
  setAt: z.iso.datetime(),
});
export type ChannelMapping = z.infer<typeof ChannelMappingSchema>;

const synonyms: [RegExp, Audience][] = [
  [/^(the\s+)?(cicc|children in care council)$/, 'cicc'],
  [/^(the\s+)?(cpb|corporate parenting (board|committee)|the board|board)$/, 'cpb'],
  [/^(the\s+)?(senior managers?|smt|senior management( team)?|senior leadership( team)?)$/, 'senior_managers'],
  [/^(the\s+)?(participation( team)?|participation officers?)$/, 'participation_team'],
];

/** A forum, as far as choosing an audience needs. */
export interface NamedForum {
  id: string;
  name: string;
}

/**
 * The audience named in "use this channel for <text>": a fixed audience by name or abbreviation,
 * or a forum by its name. DomainError('INVALID') naming the choices when nothing matches.
 */
export function parseAudience(text: string, forums: readonly NamedForum[], teams: readonly NamedForum[] = []): { audience: Audience; label: string } {
  const said = text.trim().toLowerCase().replace(/[.!"'“”]+/g, '').replace(/\s+/g, ' ');
  for (const [re, audience] of synonyms)
    if (re.test(said)) return { audience, label: fixedAudienceLabel[audience] as string };
  const bare = said.replace(/^the /, '');
  // "team North Assessment" or the team's name: the weekly digest for that team then goes here (totals only).
  const teamText = bare.replace(/^team /, '');
  const teamExact = teams.filter((t) => t.name.toLowerCase() === teamText);
  const teamPartial = teamExact.length ? teamExact : teams.filter((t) => t.name.toLowerCase().includes(teamText) && teamText.length >= 3);
  const exact = forums.filter((f) => f.name.toLowerCase() === bare);
  const forumPartial = exact.length ? exact : forums.filter((f) => f.name.toLowerCase().includes(bare) && bare.length >= 3);
  const partial = [...teamPartial.map((t) => ({ ...t, kind: 'team' as const })), ...forumPartial.map((f) => ({ ...f, kind: 'forum' as const }))];
  if (partial.length === 1) {
    const f = partial[0]!;
    return { audience: `${f.kind}:${f.id}`, label: f.name };
  }
  const options = ['CICC', 'CPB', 'senior managers', 'participation team', ...forums.map((f) => f.name), ...teams.map((t) => `team ${t.name}`)].join(', ');
  if (partial.length > 1)
    throw new DomainError('INVALID', `"${text.trim()}" matches more than one forum or team (${partial.map((f) => f.name).join(', ')}). Say the full name.`);
  throw new DomainError('INVALID', `I don't know "${text.trim()}". You can say: ${options}.`);
}

/** The words the bot matches, with the audience captured. */
export const USE_THIS_CHANNEL = /^\s*use this channel for\s+(.+?)\s*$/i;
