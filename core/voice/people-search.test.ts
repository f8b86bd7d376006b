import type { Person } from '../model/person';
import { MANAGER, people, WORKER, WORKER2 } from './fixtures';
import { teamChoices } from './people-search';

describe('choosing a colleague from the team (cover, "not mine")', () => {
  it("a leaver, still in the team's partition until the purge, is not offered", async () => {
    const team: Person[] = people.map((p) => (p.id === WORKER2 ? { ...p, goneOn: '2026-11-01' } : p));
    const store = {
      get: async (id: string) => team.find((p) => p.id === id),
      listByTeam: async (teamId: string) => team.filter((p) => p.teamId === teamId),
    };
    expect((await teamChoices(WORKER, { people: store })).map((c) => c.value)).toEqual([MANAGER]);
  });
});
