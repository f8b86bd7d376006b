import { commandPattern, commands, commandsForRoles } from './commands';

describe('commands', () => {
  it('match whole words only: "helpful thing" is not a call for help', () => {
    const help = commandPattern('help');
    expect(help.test('help')).toBe(true);
    expect(help.test('  Help me please')).toBe(true);
    expect(help.test('/help')).toBe(true);
    expect(help.test('helpful thing')).toBe(false);
    expect(help.test('can you help')).toBe(false);
  });
  it('match multi-word commands with any spacing and case', () => {
    const p = commandPattern('my meetings');
    expect(p.test('My   Meetings')).toBe(true);
    expect(p.test('my meetings next week')).toBe(true);
    expect(p.test('my meetingsroom')).toBe(false);
    expect(p.test('team meetings')).toBe(false);
  });
  it('include every command the issue names', () => {
    expect(commands.map((c) => c.name)).toEqual(
      expect.arrayContaining(['help', 'my meetings', 'team meetings', 'example', 'you said', 'my actions', 'forums', 'channels', 'cover', 'report']),
    );
  });
  it('offer a social worker their own meetings but not the team view', () => {
    const names = commandsForRoles(['social_worker']).map((c) => c.name);
    expect(names).toContain('my meetings');
    expect(names).not.toContain('team meetings');
  });
});
