import { createRoleResolver } from './role-cache';
import { RoleGroupsSchema } from './role-groups';

const clock = { now: () => new Date('2026-11-23T09:00:00Z') };

describe('roles from group membership', () => {
  it('a person in no configured group holds no role, and ids match whatever their case', async () => {
    const rolesFor = createRoleResolver({ roleGroups: { admin: ['g-admin'] }, clock, listMemberIds: async () => ['ABC-1'] });
    expect(await rolesFor('abc-1')).toEqual(['admin']);
    expect(await rolesFor('xyz-2')).toEqual([]);
  });

  it('a directory outage is remembered for 30 seconds (no slow call per turn), then the group is read again', async () => {
    let calls = 0;
    let now = Date.parse('2026-11-23T09:00:00Z');
    const rolesFor = createRoleResolver({
      roleGroups: { manager: ['g-tm'] },
      clock: { now: () => new Date(now) },
      listMemberIds: async () => {
        calls++;
        if (calls === 1) throw new Error('Graph 503');
        return ['p1'];
      },
    });
    await expect(rolesFor('p1')).rejects.toThrow('Graph 503');
    now += 29_000;
    await expect(rolesFor('p1')).rejects.toThrow('Graph 503');
    expect(calls).toBe(1);
    now += 2_000;
    expect(await rolesFor('p1')).toEqual(['manager']);
    expect(calls).toBe(2);
  });

  it('someone removed from a role group loses the role once the 15 minutes are up', async () => {
    let now = Date.parse('2026-11-23T09:00:00Z');
    let members = ['p1'];
    const rolesFor = createRoleResolver({ roleGroups: { manager: ['g-tm'] }, clock: { now: () => new Date(now) }, listMemberIds: async () => members });
    expect(await rolesFor('p1')).toEqual(['manager']);
    members = [];
    now += 14 * 60_000;
    expect(await rolesFor('p1')).toEqual(['manager']);
    now += 60_000;
    expect(await rolesFor('p1')).toEqual([]);
  });
});

describe('the ROLE_GROUPS setting', () => {
  const g1 = '6f1c0a9e-3b2d-4e5f-8a7b-9c0d1e2f3a4b';
  const g2 = '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';

  it('reads role=ids pairs, spaces and repeats allowed', () => {
    expect(RoleGroupsSchema.parse(` social_worker = ${g1}, ${g2} ; manager=${g2};manager=${g1}`)).toEqual({
      social_worker: [g1, g2],
      manager: [g2, g1],
    });
    expect(RoleGroupsSchema.parse('')).toEqual({});
  });

  it('names a misspelt role or a group id that is not a GUID', () => {
    const bad = RoleGroupsSchema.safeParse(`managers=${g1};admin=finance-team`);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toEqual([
      expect.stringContaining("'managers' is not a role"),
      expect.stringContaining('admin: each group id must be an Entra object id'),
    ]);
  });
});
