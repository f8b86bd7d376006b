import { hasRole, type Person } from '../model/person';
import type { PersonStore, TeamStore } from '../ports';

export interface PersonChoice {
  title: string;
  value: string;
}

type Teams = { teams?: Pick<TeamStore, 'get'> };

/** Name and team only: the picker never shows more of the directory than that. */
async function choices(people: readonly Person[], deps: Teams): Promise<PersonChoice[]> {
  const names = new Map<string, string | undefined>();
  for (const id of new Set(people.map((p) => p.teamId).filter((t): t is string => Boolean(t)))) names.set(id, (await deps.teams?.get(id))?.name ?? id);
  return people.map((p) => ({ title: p.teamId ? `${p.displayName} (${names.get(p.teamId)})` : p.displayName, value: p.id }));
}

/** The fewest letters a search needs: one letter would page through the whole directory. */
export const MIN_SEARCH_LETTERS = 2;

/**
 * Typeahead for "who holds this case?" and "cover": active colleagues who can hold cases, by name or
 * sign-in name, at least two letters. Answers the people picker's Data.Query (Teams) with names and
 * teams only, and fills the plain choice list (clients without typeahead).
 */
export async function searchPeople(
  query: { text: string; skip?: number; top?: number; excludeId?: string },
  deps: { people: Pick<PersonStore, 'list'> } & Teams,
): Promise<PersonChoice[]> {
  if (query.text.replace(/\s+/g, '').length < MIN_SEARCH_LETTERS) return [];
  const words = query.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (await deps.people.list())
    .filter((p) => p.id !== query.excludeId && !p.goneOn && hasRole(p, 'social_worker', 'manager'))
    .filter((p) => words.every((w) => p.displayName.toLowerCase().includes(w) || p.upn.toLowerCase().startsWith(w)))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  const skip = query.skip ?? 0;
  return choices(matches.slice(skip, skip + Math.min(query.top ?? 15, 50)), deps);
}

/** The plain list offered beside the typeahead: the worker's own team, where cases usually move. */
export async function teamChoices(personId: string, deps: { people: Pick<PersonStore, 'get' | 'listByTeam'> } & Teams): Promise<PersonChoice[]> {
  const me = await deps.people.get(personId);
  if (!me?.teamId) return [];
  const team = (await deps.people.listByTeam(me.teamId))
    // A leaver still belongs to the team's partition until the purge (their open actions need handing over), but is no colleague to pick.
    .filter((p) => p.id !== personId && !p.goneOn && hasRole(p, 'social_worker', 'manager'))
    .sort((a, b) => a.displayName.localeCompare(b.displayName))
    .slice(0, 50);
  return choices(team, deps);
}
