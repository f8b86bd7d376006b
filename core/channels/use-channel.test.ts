import { fixedClock } from '../clock';
import type { DomainError } from '../errors';
import { InMemoryChannelMappings, forumAdmin as admin, forumOfficer as officer, forumWorker as worker } from '../testing';
import { parseAudience, USE_THIS_CHANNEL } from './channel-mapping';
import { listChannelMappings, useChannelFor } from './use-channel';

const setup = () => {
  const mappings = new InMemoryChannelMappings();
  const deps = { mappings, clock: fixedClock('2026-11-23T10:00:00Z'), listForums: async () => [{ id: 'uasc-1', name: 'UASC participation group' }] };
  return { mappings, deps };
};
const channel = { channelId: '19:abc@thread.tacv2', channelName: 'CICC', teamId: '19:team' };

describe('choosing channels', () => {
  it('a participation officer points a channel at the CICC, and `channels` lists it', async () => {
    const { deps } = setup();
    const { mapping } = await useChannelFor(deps, { actor: officer, audienceText: 'CICC', channel });
    expect(mapping).toMatchObject({ audience: 'cicc', label: 'Children in Care Council', channelId: channel.channelId, setBy: officer.id });
    expect(await listChannelMappings(deps)).toEqual([mapping]);
  });

  it('an admin can map a named forum; re-mapping an audience says which channel it replaced', async () => {
    const { deps } = setup();
    await useChannelFor(deps, { actor: admin, audienceText: 'UASC participation group', channel });
    const again = await useChannelFor(deps, { actor: admin, audienceText: 'the uasc participation group', channel: { channelId: '19:other' } });
    expect(again.mapping.audience).toBe('forum:uasc-1');
    expect(again.replaced?.channelId).toBe(channel.channelId);
  });

  it("a team's own channel can be named, so that team's weekly digest goes there (totals only)", async () => {
    const { deps } = setup();
    const teams = [
      { id: 'north-cp', name: 'North Assessment and Child Protection Team' },
      { id: 'north-cic', name: 'North Children in Care Team' },
    ];
    const withTeams = { ...deps, listTeams: async () => teams };
    const { mapping } = await useChannelFor(withTeams, { actor: officer, audienceText: 'team north assessment', channel });
    expect(mapping).toMatchObject({ audience: 'team:north-cp', label: 'North Assessment and Child Protection Team' });
    await expect(useChannelFor(withTeams, { actor: officer, audienceText: 'north', channel })).rejects.toMatchObject({ code: 'INVALID', message: expect.stringMatching(/more than one/) });
    await expect(useChannelFor(withTeams, { actor: worker, audienceText: 'team north assessment', channel })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it("a team manager may choose their own team's channel, and no other audience", async () => {
    const { deps, mappings } = setup();
    const manager = { ...worker, id: 'manager-north', roles: ['manager' as const] };
    const teams = [
      { id: 'north-cp', name: 'North Assessment and Child Protection Team', managerId: manager.id },
      { id: 'north-cic', name: 'North Children in Care Team', managerId: 'someone-else' },
    ];
    const withTeams = { ...deps, listTeams: async () => teams };
    const { mapping } = await useChannelFor(withTeams, { actor: manager, audienceText: 'team north assessment', channel });
    expect(mapping).toMatchObject({ audience: 'team:north-cp', setBy: manager.id });
    await expect(useChannelFor(withTeams, { actor: manager, audienceText: 'team north children in care', channel })).rejects.toMatchObject({
      code: 'FORBIDDEN', message: "Only the team's manager, a participation officer or an administrator can choose the channel for North Children in Care Team.",
    });
    await expect(useChannelFor(withTeams, { actor: manager, audienceText: 'CPB', channel })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await mappings.list()).map((m) => m.audience)).toEqual(['team:north-cp']);
  });

  it('anyone else is refused and nothing changes', async () => {
    const { deps, mappings } = setup();
    const err = (await useChannelFor(deps, { actor: worker, audienceText: 'CPB', channel }).catch((e) => e)) as DomainError;
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toMatch(/participation officer or an administrator/);
    await expect(useChannelFor(deps, { actor: undefined, audienceText: 'CPB', channel })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await mappings.list()).toEqual([]);
  });

  it('understands the usual names for each audience', () => {
    const forums = [{ id: 'f1', name: 'Care leaver forum' }];
    expect(
      ['CICC', 'children in care council', 'CPB', 'Corporate Parenting Board', 'senior managers', 'SMT', 'participation team', 'care leaver forum'].map(
        (t) => parseAudience(t, forums).audience,
      ),
    ).toEqual(['cicc', 'cicc', 'cpb', 'cpb', 'senior_managers', 'senior_managers', 'participation_team', 'forum:f1']);
    expect(USE_THIS_CHANNEL.exec('use this channel for CICC')?.[1]).toBe('CICC');
  });

  it('an unknown audience is refused with the choices named', () => {
    expect(() => parseAudience('the chess club', [])).toThrow(/You can say: CICC, CPB, senior managers, participation team/);
  });
});
