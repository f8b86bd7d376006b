import { createRoleResolver } from './role-cache';

const clock = { now: () => new Date('2026-11-23T09:00:00Z') };

describe('roles from group membership', () => {
  it('a person in no configured group holds no role, and ids match whatever their case', async () => {
    const rolesFor = createRoleResolver({ roleGroups: { admin: ['g-admin'] }, clock, listMemberIds: async () => ['ABC-1'] });
    expect(await rolesFor('abc-1')).toEqual(['admin']);
    expect(await rolesFor('xyz-2')).toEqual([]);
  });

  it('a directory outage is not remembered: the next lookup reads the group again', async () => {
    let calls = 0;
    const rolesFor = createRoleResolver({
      roleGroups: { manager: ['g-tm'] },
      clock,
      listMemberIds: async () => {
        calls++;
        if (calls === 1) throw new Error('Graph 503');
        return ['p1'];
      },
    });
    await expect(rolesFor('p1')).rejects.toThrow('Graph 503');
    expect(await rolesFor('p1')).toEqual(['manager']);
  });
});
