import { hasRole, type Person } from '../model/person';
import type { PersonStore } from '../ports';

export interface PersonChoice {
  title: string;
  value: string;
}

const choice = (p: Person): PersonChoice => ({ title: `${p.displayName} (${p.upn})`, value: p.id });

/**
 * Typeahead for "who holds this case?": staff who can hold cases, by name or sign-in name. Answers
 * the people picker's Data.Query (Teams) and fills the plain choice list (clients without typeahead).
 */
export async function searchPeople(
  query: { text: string; skip?: number; top?: number; excludeId?: string },
  deps: { people: Pick<PersonStore, 'list'> },
): Promise<PersonChoice[]> {
  const words = query.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (await deps.people.list())
    .filter((p) => p.id !== query.excludeId && hasRole(p, 'social_worker', 'manager'))
    .filter((p) => words.every((w) => p.displayName.toLowerCase().includes(w) || p.upn.toLowerCase().startsWith(w)))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  const skip = query.skip ?? 0;
  return matches.slice(skip, skip + (query.top ?? 15)).map(choice);
}

/** The plain list offered beside the typeahead: the worker's own team, where cases usually move. */
export async function teamChoices(personId: string, deps: { people: Pick<PersonStore, 'get' | 'listByTeam'> }): Promise<PersonChoice[]> {
  const me = await deps.people.get(personId);
  if (!me?.teamId) return [];
  return (await deps.people.listByTeam(me.teamId))
    // A leaver still belongs to the team's partition until the purge (their open actions need handing over), but is no colleague to pick.
    .filter((p) => p.id !== personId && !p.goneOn && hasRole(p, 'social_worker', 'manager'))
    .sort((a, b) => a.displayName.localeCompare(b.displayName))
    .slice(0, 50)
    .map(choice);
}
