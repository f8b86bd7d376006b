import { commandNamed } from './commands';
import { helpCard } from './help';
import { welcomeCard } from './welcome-card';

const council = 'Testshire County Council';
const text = (card: object) => JSON.stringify(card);
/** The verbs of the card's buttons: Universal Actions (Action.Execute), as on every other card. */
const verbs = (card: { actions?: unknown }) =>
  (card.actions as { type: string; verb: string }[]).map((a) => (a.type === 'Action.Execute' ? a.verb : `not Action.Execute: ${a.type}`));

describe('welcome and help cards', () => {
  it('welcome a manager by first name with buttons for the team view and reports', () => {
    const card = welcomeCard({ person: { displayName: 'Priya Shah', roles: ['manager'] }, where: 'personal', councilName: council });
    expect(text(card)).toContain('Welcome, Priya');
    expect(text(card)).toContain('Team manager');
    expect(verbs(card)).toEqual(expect.arrayContaining(['team meetings', 'report', 'help']));
    expect(verbs(card)).not.toContain('my meetings');
  });

  it('welcome an IRO with a "my reviews" button and what the bot does for chairs', () => {
    const card = welcomeCard({ person: { displayName: 'Iris Reviewer', roles: ['iro'] }, where: 'personal', councilName: council });
    expect(text(card)).toContain('Independent reviewing officer');
    expect(text(card)).toContain('reviews you chair');
    expect(verbs(card)).toEqual(['my reviews', 'help']);
  });

  it('give every button a verb that is a real command, so pressing it always does something', () => {
    for (const roles of [['social_worker'], ['participation_officer', 'manager'], ['board_member'], ['admin'], ['senior_manager'], ['iro'], ['cp_chair']] as const) {
      const card = welcomeCard({ person: { displayName: 'A B', roles: [...roles] }, where: 'personal', councilName: council });
      for (const verb of verbs(card)) expect(() => commandNamed(verb)).not.toThrow();
      expect(verbs(card).length).toBeLessThanOrEqual(5);
    }
  });

  it('keep channel welcomes generic: no name, no role, and a promise that case details stay out', () => {
    const card = welcomeCard({ person: { displayName: 'Priya Shah', roles: ['manager'] }, where: 'channel', councilName: council });
    expect(text(card)).not.toContain('Priya');
    expect(text(card)).not.toContain('Team manager');
    expect(text(card)).toContain('never here');
  });

  it('are Adaptive Cards 1.5 with a heading, and never show a raw template expression', () => {
    const cards = [
      welcomeCard({ where: 'personal', councilName: council }),
      welcomeCard({ person: { displayName: 'Sam', roles: ['social_worker'] }, where: 'personal', councilName: council }),
      welcomeCard({ where: 'groupChat', councilName: council }),
      helpCard('personal'),
      helpCard('channel'),
    ];
    for (const card of cards) {
      expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
      expect(text(card)).not.toContain('${');
      expect((card.body as { style?: string }[])[0]?.style).toBe('heading');
      expect(text(card).length).toBeLessThan(28_000);
    }
  });

  it('look the same as last time (snapshot)', () => {
    expect(welcomeCard({ person: { displayName: 'Sam Patel', roles: ['social_worker'] }, where: 'personal', councilName: council })).toMatchSnapshot();
    expect(helpCard('personal')).toMatchSnapshot();
  });
});
