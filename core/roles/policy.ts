import type { Role } from '../model/person';

/** How an actor can stand towards the record they act on (besides their roles). */
export type Relation = 'holder' | 'cover' | 'author' | 'line_manager' | 'team_manager' | 'facilitator';

/** Plain-English name of each relation, for refusals and docs/roles.md. */
export const relationLabel: Record<Relation, string> = {
  holder: 'the allocated worker (or the item owner)',
  cover: "the colleague covering the allocated worker's leave today",
  author: 'the person who added it',
  line_manager: "the holder's (or author's) line manager",
  team_manager: "the manager of the record's team",
  facilitator: "one of the forum's facilitators",
};

export interface Rule {
  /** What the action lets someone do, in words (docs/roles.md). */
  what: string;
  /** Anyone with one of these roles may act, whatever the record. */
  roles: readonly Role[];
  /** Or anyone who stands in one of these relations to the record. */
  relations: readonly Relation[];
  /** What a refused person is told; `{ref}` is replaced by the record's label. */
  refusal: string;
}

const ADMIN_ONLY = 'Only an administrator can do that.';

/**
 * Who may do what: the one table every command and card action is checked against.
 * docs/roles.md prints it; core/roles/policy.test.ts keeps the two the same.
 */
export const POLICY = {
  'voice.record': {
    what: "Record how a child's views were gathered, after-meeting answers, snooze a nudge",
    roles: ['admin'],
    relations: ['holder', 'line_manager', 'team_manager', 'cover'],
    refusal: "Only {ref}'s allocated worker, their manager or an administrator can do that.",
  },
  'voice.not-mine': {
    what: 'Say a case is not mine',
    roles: [],
    relations: ['holder'],
    refusal: "Only the worker the case system names for {ref} can say it isn't theirs.",
  },
  'voice.manage': {
    what: 'Confirm who holds a case, nudge the worker again',
    roles: ['admin'],
    relations: ['line_manager', 'team_manager'],
    refusal: 'Only a manager or an administrator can do that.',
  },
  'meetings.team': {
    what: '"team meetings": a team\'s meetings and missing voices',
    roles: ['manager', 'senior_manager', 'admin'],
    relations: [],
    refusal: '"team meetings" is for team managers. Type "my meetings" to see your own.',
  },
  'digest.view.team': {
    what: "A team's weekly digest with case-level detail",
    roles: ['admin'],
    relations: ['team_manager'],
    refusal: "Only the team's manager can see its case-level digest.",
  },
  'digest.report': {
    what: '`report <month|year>`: participation reports across teams (aggregate, small numbers suppressed)',
    roles: ['manager', 'senior_manager', 'board_member', 'participation_officer', 'admin'],
    relations: [],
    refusal: "You can't do that: participation reports are for managers, senior managers, board members and participation officers.",
  },
  'tracker.view.team': {
    what: '"my actions" also lists the team\'s open items (an admin\'s lists every open item)',
    roles: ['manager', 'senior_manager', 'admin'],
    relations: [],
    refusal: 'Only managers see their team\'s actions; "my actions" shows your own.',
  },
  'forum.edit': {
    what: 'Set up, change or cancel forums',
    roles: ['participation_officer', 'admin'],
    relations: [],
    refusal: 'Only a participation officer or an administrator can set up or change forums.',
  },
  'forum.outcome': {
    what: 'Record what young people said at a forum',
    roles: ['participation_officer', 'admin'],
    relations: ['facilitator'],
    refusal: "Only this forum's facilitators or a participation officer can record what young people said.",
  },
  'channel.map': {
    what: 'Choose which channel receives which digest',
    roles: ['participation_officer', 'admin'],
    relations: [],
    refusal: 'Only a participation officer or an administrator can choose which channel the bot uses.',
  },
  'channel.map.team': {
    what: "Choose the channel for a team's weekly digest (totals only)",
    roles: ['participation_officer', 'admin'],
    relations: ['team_manager'],
    refusal: "Only the team's manager, a participation officer or an administrator can choose the channel for {ref}.",
  },
  'tracker.update': {
    what: 'Update progress on a "You said" item',
    roles: ['admin'],
    relations: ['holder', 'author', 'line_manager', 'team_manager'],
    refusal: 'Only the owner, the person who added this, their manager or an administrator can update it.',
  },
  'tracker.edit': {
    what: 'Change or withdraw a "You said" item or a participation example',
    roles: ['admin'],
    relations: ['author'],
    refusal: 'Only the person who added this (or an administrator) can change or withdraw it.',
  },
  'admin.view': {
    what: '`admin`: parked and undelivered messages, bank-holiday data, pause nudges, delete a bot post, held imports',
    roles: ['admin'],
    relations: [],
    refusal: ADMIN_ONLY,
  },
  'admin.outbox': { what: 'Retry or discard a parked message', roles: ['admin'], relations: [], refusal: ADMIN_ONLY },
  'admin.pause': { what: "Pause one meeting's nudges", roles: ['admin'], relations: [], refusal: ADMIN_ONLY },
  'admin.delete-post': { what: 'Delete a channel post the bot made', roles: ['admin'], relations: [], refusal: ADMIN_ONLY },
  'admin.import': { what: 'Confirm or discard an import held for taking away too much', roles: ['admin'], relations: [], refusal: ADMIN_ONLY },
  'audit.export': { what: 'Export the audit trail (CSV)', roles: ['admin'], relations: [], refusal: ADMIN_ONLY },
  'export.evidence': {
    what: 'Export voice records, examples and "You said, we did" for an inspection (CSV)',
    roles: ['admin', 'senior_manager'],
    relations: [],
    refusal: 'Only an administrator or a senior manager can export evidence.',
  },
  'export.sar': { what: 'Everything held about one case reference (subject access)', roles: ['admin'], relations: [], refusal: ADMIN_ONLY },
  'import.run': { what: 'Import children, people, teams or meetings over HTTP, signed in (the nightly import runs as IMPORT_CALLER)', roles: ['admin'], relations: [], refusal: ADMIN_ONLY },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];
