import type { Person } from '../model/person';
import { MANAGER, people, WORKER, WORKER2 } from '../testing';
import { searchPeople, teamChoices } from './people-search';

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

describe('finding a colleague by name', () => {
  const withLeaver: Person[] = [...people, { ...people[1]!, id: 'gone', displayName: 'Alexis Gone', goneOn: '2026-01-01' }];
  const deps = { people: { list: async () => withLeaver }, teams: { get: async (id: string) => ({ id, name: id === 'north' ? 'North Team' : 'South Team', district: 'N' }) } };

  it('needs at least two letters: one letter (or none) would page through the whole directory', async () => {
    expect(await searchPeople({ text: 'a' }, deps)).toEqual([]);
    expect(await searchPeople({ text: ' ' }, deps)).toEqual([]);
  });

  it('answers active colleagues who hold cases, by name and team only (never sign-in names or leavers)', async () => {
    expect(await searchPeople({ text: 'al', excludeId: WORKER }, deps)).toEqual([{ title: 'Alex Worker (North Team)', value: WORKER2 }]);
  });
});
