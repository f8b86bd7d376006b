import { roleLabel, type Person, type Role } from '../core';
import { renderCard, type Card } from '../cards/render';
import welcomeTemplate from '../cards/welcome.json';
import { commandsForRoles } from './commands';

const whatIDo: Record<Role, string> = {
  social_worker: "I'll remind you before each meeting about a child you hold, so their views are gathered in time, and help you record how they took part.",
  manager: "I'll tell you when a child's views are still missing close to a meeting, and send your team's weekly digest.",
  participation_officer: 'I\'ll remind you of forums, help you record what young people said, and chase each "you said" to its "we did".',
  board_member: 'I\'ll send you a briefing a few days before each board meeting, with what children told us and what we did.',
  senior_manager: 'I\'ll send you monthly and annual participation reports across teams and districts.',
  admin: 'You can choose which digests each channel receives, and see messages I could not deliver.',
  iro: "I'll list the reviews you chair and whether each child's views are in, tell you 2 working days before if they are not, and afterwards ask how the child took part.",
  cp_chair: "I'll list the conferences you chair and whether each child's views are in, tell you 2 working days before if they are not, and afterwards ask how the child took part.",
  qa_auditor: "Each month I'll send you a few case files to audit for the child's voice, by case reference only, with four short questions.",
};

const titleCase = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export interface WelcomeAudience {
  /** The person, when we know them; undefined for someone not yet set up, or in a channel. */
  person?: Pick<Person, 'displayName' | 'roles'>;
  where: 'personal' | 'channel' | 'groupChat';
  councilName: string;
}

/** The welcome card: fitted to the person's roles in a 1:1 chat, generic in channels and group chats. */
export function welcomeCard({ person, where, councilName }: WelcomeAudience): Card {
  const common = { footer: 'Type **help** at any time to see everything I can do.' };
  if (where !== 'personal') {
    return renderCard(welcomeTemplate, {
      ...common,
      heading: 'Hello, I am Golden Thread',
      summary: `I help ${councilName} make sure every child's voice is heard before decisions about them, and show what changed because of it.`,
      roleLine: '',
      listHeading: 'In this conversation I will:',
      points: [
        'post digests and reminders that have no personal details about any child',
        'answer commands when you mention me, for example "@Golden Thread help"',
      ],
      footer: 'Anything about a particular child comes to the people who hold the case, in a private chat, never here.',
      actions: [{ title: 'Help', verb: 'help' }],
    });
  }
  if (!person) {
    return renderCard(welcomeTemplate, {
      ...common,
      heading: 'Welcome to Golden Thread',
      summary: `I help ${councilName} make sure every child's voice is heard before decisions about them.`,
      roleLine: '',
      listHeading: 'Before I can help you:',
      points: [
        "I don't have you on my list of staff yet, so I can't show you meetings or send reminders.",
        'Please ask your Golden Thread administrator to add you, with your role and team.',
      ],
      actions: [{ title: 'Help', verb: 'help' }],
    });
  }
  const firstName = person.displayName.split(/\s+/)[0] ?? person.displayName;
  const roles = person.roles;
  return renderCard(welcomeTemplate, {
    ...common,
    heading: `Welcome, ${firstName}`,
    summary: `I'm Golden Thread. I help ${councilName} make sure every child's voice is heard before decisions about them.`,
    roleLine: `You're set up as: ${roles.map((r) => roleLabel[r]).join(', ')}.`,
    listHeading: 'What I will do for you:',
    points: roles.map((r) => whatIDo[r]),
    actions: [
      ...commandsForRoles(roles)
        .slice(0, 4)
        .map((c) => ({ title: titleCase(c.name), verb: c.name })),
      { title: 'Help', verb: 'help' },
    ],
  });
}
