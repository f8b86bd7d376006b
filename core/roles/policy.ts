import type { Role } from '../model/person';

/** How an actor can stand towards the record they act on (besides their roles). */
export type Relation = 'holder' | 'cover' | 'author' | 'line_manager' | 'team_manager' | 'facilitator' | 'chair' | 'auditor';

/** Plain-English name of each relation, for refusals and docs/roles.md. */
export const relationLabel: Record<Relation, string> = {
  holder: 'the allocated worker (or the item owner)',
  cover: "the colleague covering the allocated worker's leave today",
  author: 'the person who added it',
  line_manager: "the holder's (or author's) line manager",
  team_manager: "the manager of the record's team",
  facilitator: "one of the forum's facilitators",
  chair: "the meeting's chair (the IRO or conference chair the import names)",
  auditor: 'the auditor a case-file audit was assigned to',
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
  /**
   * The commands typed (`"my meetings"`), card verbs (`voice.open`) and other doors (`search:people`,
   * `extension:shareExample`) this rule guards: every door in bot/ is in exactly one rule (tested).
   */
  verbs: readonly string[];
}

/** Anyone the directory knows: each such action shows or changes only what is the person's own. */
const EVERYONE: readonly Role[] = ['social_worker', 'manager', 'participation_officer', 'board_member', 'senior_manager', 'admin', 'iro', 'cp_chair', 'qa_auditor'];

const ADMIN_ONLY = 'Only an administrator can do that.';

/**
 * Who may do what: the one table every command and card action is checked against.
 * docs/roles.md prints it; core/roles/policy.test.ts keeps the two the same.
 */
export const POLICY = {
  'own.view': {
    what: '"help", "my meetings", "my actions", "forums", "channels", and redrawing a nudge card: each shows only what the person holds, wrote or owns',
    roles: EVERYONE,
    relations: [],
    refusal: "I don't know you yet: ask your administrator to add you to Golden Thread's directory.",
    verbs: ['help', 'my meetings', 'forums', 'channels', 'voice.refresh', 'tracker.list', 'my actions'],
  },
  'voice.record': {
    what: "Open a child's voice record, record how their views were gathered, after-meeting answers, snooze a nudge",
    roles: ['admin'],
    relations: ['holder', 'line_manager', 'team_manager', 'cover'],
    refusal: "Only {ref}'s allocated worker, their manager or an administrator can do that.",
    verbs: ['voice.open', 'voice.record', 'voice.snooze', 'after.open', 'after.record'],
  },
  'exit.record': {
    what: "Answer the exit conversation card when a child's care episode (or a care leaver's pathway support) has ended: offered, held, and up to three \"you said\" points for the tracker",
    roles: [],
    relations: ['holder', 'cover'],
    refusal: "Only {ref}'s allocated worker (or the colleague covering their leave) can record their exit conversation.",
    verbs: ['exit.record'],
  },
  'voice.chair': {
    what: "After the meeting (up to 20 working days after, not a cancelled one), record how the child took part (PN code), whether you met them beforehand and on their own (reg 36), whether they know they can have an advocate and whether their views changed the plan: the meeting's chair only, and not over another chair's record",
    roles: [],
    relations: ['chair'],
    refusal: "Only the chair of {ref}'s meeting can record how the child took part in it.",
    verbs: ['chair.open', 'chair.record'],
  },
  'voice.feedback-you-said': {
    what: "Make what a child (or their parents) said would have helped, in their feedback after a meeting, a \"You said\" item in one press: those who hold the child or chaired the meeting",
    roles: ['admin'],
    relations: ['holder', 'cover', 'line_manager', 'team_manager', 'chair'],
    refusal: "Only {ref}'s allocated worker, their manager, the meeting's chair or an administrator can do that.",
    verbs: ['feedback.youSaid'],
  },
  'voice.not-mine': {
    what: 'Say a case is not mine, and name who holds it',
    roles: [],
    relations: ['holder'],
    refusal: "Only the worker the case system names for {ref} can say it isn't theirs.",
    verbs: ['voice.notMine', 'voice.claim'],
  },
  'voice.confirm-holder': {
    what: 'Confirm who holds a case, once its worker has said "not my case" (the holder named, or someone in the child\'s team)',
    roles: ['admin'],
    relations: ['line_manager', 'team_manager'],
    refusal: "Only the worker's manager, the manager of {ref}'s team, the named colleague's own manager or an administrator can confirm who holds this case.",
    verbs: ['voice.confirmHolder'],
  },
  'voice.manage': {
    what: 'Nudge the worker again from an escalation',
    roles: ['admin'],
    relations: ['line_manager', 'team_manager'],
    refusal: 'Only a manager or an administrator can do that.',
    verbs: ['escalation.renudge'],
  },
  'cover.set': {
    what: 'Set who covers your own children while you are on leave (someone in your team, or approved by your manager; at most the cover limit)',
    roles: ['social_worker', 'manager'],
    relations: [],
    refusal: 'Cover is for people who hold cases: social workers and team managers.',
    verbs: ['cover', 'cover.set'],
  },
  'cover.end': {
    what: 'End a cover at once (or refuse one waiting for approval)',
    roles: ['admin'],
    relations: ['holder', 'line_manager', 'team_manager'],
    refusal: "Only the worker, their manager or an administrator can end this cover.",
    verbs: ['cover.end'],
  },
  'cover.approve': {
    what: 'Approve a worker\'s cover by someone outside their team',
    roles: ['admin'],
    relations: ['line_manager', 'team_manager'],
    refusal: "Only the worker's manager or an administrator can approve cover from outside the team.",
    verbs: ['cover.approve'],
  },
  'people.search': {
    what: 'Find a colleague by name (at least two letters; active colleagues only, name and team)',
    roles: EVERYONE,
    relations: [],
    refusal: "I don't know you yet: ask your administrator to add you to Golden Thread's directory.",
    verbs: ['search:people'],
  },
  'meetings.team': {
    what: '"team meetings": a team\'s meetings and missing voices',
    roles: ['manager', 'senior_manager', 'admin'],
    relations: [],
    refusal: '"team meetings" is for team managers. Type "my meetings" to see your own.',
    verbs: ['team meetings'],
  },
  'meetings.chair': {
    what: '"my reviews": the meetings you chair in the next six weeks, with whether each child\'s views are in',
    roles: ['iro', 'cp_chair'],
    relations: [],
    refusal: '"my reviews" is for independent reviewing officers and conference chairs. Type "my meetings" to see your own.',
    verbs: ['my reviews'],
  },
  'digest.view.team': {
    what: "A team's weekly digest with case-level detail",
    roles: ['admin'],
    relations: ['team_manager'],
    refusal: "Only the team's manager can see its case-level digest.",
    verbs: [],
  },
  'digest.report': {
    what: '`report <period>`: participation reports across teams (aggregate, small numbers suppressed)',
    roles: ['manager', 'senior_manager', 'board_member', 'participation_officer', 'admin'],
    relations: [],
    refusal: "You can't do that: participation reports are for managers, senior managers, board members and participation officers.",
    verbs: ['report'],
  },
  'digest.ask': {
    what: '"Ask about this" on the board briefing or the senior managers\' report',
    roles: ['manager', 'senior_manager', 'board_member', 'participation_officer', 'admin'],
    relations: [],
    refusal: '"Ask about this" is for the people the board briefing and the report go to.',
    verbs: ['digest.ask'],
  },
  'cicc.audit': {
    what: "Record the Children in Care Council's check of our promises (each answer kept, with who and when)",
    roles: ['participation_officer', 'admin'],
    relations: ['facilitator'],
    // Read by a young person who pressed Save in the CICC's channel: plain words, and their answers stay on the card.
    refusal: 'Only the adults who run this meeting can save your check. Your answers are still here. Ask one of them to press Save our check.',
    verbs: ['cicc.audit'],
  },
  'audit.grade': {
    what: "Grade the child's voice on a case file sampled for the monthly audit: the auditor it was assigned to only",
    roles: [],
    relations: ['auditor'],
    refusal: 'Only the auditor this case file was assigned to can grade it.',
    verbs: ['audit.submit'],
  },
  'tracker.view.team': {
    what: '"my actions" also lists the team\'s open items (an admin\'s lists every open item)',
    roles: ['manager', 'senior_manager', 'admin'],
    relations: [],
    refusal: 'Only managers see their team\'s actions; "my actions" shows your own.',
    verbs: [],
  },
  'tracker.raise': {
    what: 'Record something children told us ("you said")',
    roles: EVERYONE,
    relations: [],
    refusal: "I don't know you yet: ask your administrator to add you to Golden Thread's directory.",
    verbs: ['you said', 'yousaid.new', 'yousaid.submit', 'yousaid.rewrite', 'yousaid.keepInternal', 'yousaid.saveAnyway'],
  },
  'tracker.update': {
    what: 'Open a "You said" item and update its progress',
    roles: ['admin'],
    relations: ['holder', 'author', 'line_manager', 'team_manager'],
    refusal: 'Only the owner, the person who added this, their manager or an administrator can open or update it.',
    verbs: ['tracker.open', 'tracker.progress', 'tracker.rewrite', 'tracker.keepInternal', 'tracker.feedback', 'tracker.saveAnyway'],
  },
  'tracker.reword': {
    what: 'Reword a "You said, we did" item that reads too hard for the Children in Care Council (asked by the digest)',
    roles: ['participation_officer', 'admin'],
    relations: [],
    refusal: 'Only a participation officer or an administrator can reword an item for the Children in Care Council.',
    verbs: ['tracker.reword'],
  },
  'tracker.edit': {
    what: 'Change or withdraw a "You said" item',
    roles: ['admin'],
    relations: ['author'],
    refusal: 'Only the person who added this (or an administrator) can change or withdraw it.',
    verbs: ['tracker.edit', 'tracker.withdraw'],
  },
  'example.share': {
    what: 'Share a participation example',
    roles: EVERYONE,
    relations: [],
    refusal: "I don't know you yet: ask your administrator to add you to Golden Thread's directory.",
    verbs: ['example', 'example.new', 'example.submit', 'example.rewrite', 'example.keepInternal', 'example.saveAnyway', 'extension:shareExample'],
  },
  'example.edit': {
    what: 'Open a participation example to change it, or withdraw it',
    roles: ['admin'],
    relations: ['author'],
    refusal: 'Only the person who added this (or an administrator) can change or withdraw it.',
    verbs: ['example.edit', 'example.withdraw'],
  },
  'forum.edit': {
    what: 'Open a forum to set it up, change or cancel it or its meetings',
    roles: ['participation_officer', 'admin'],
    relations: [],
    refusal: 'Only a participation officer or an administrator can set up or change forums.',
    verbs: ['forum.new', 'forum.edit', 'forum.preview', 'forum.save', 'forum.occurrence.open', 'forum.occurrence.move', 'forum.occurrence.cancel', 'forum.occurrence.restore'],
  },
  'forum.outcome': {
    what: 'Record what young people said at a forum',
    roles: ['participation_officer', 'admin'],
    relations: ['facilitator'],
    refusal: "Only this forum's facilitators or a participation officer can record what young people said.",
    verbs: ['forum.outcome.open', 'forum.outcome.save'],
  },
  'survey.import': {
    what: "Import a survey's aggregate results (question, group, number answering, share agreeing) over HTTP signed in, or pasted into the survey card in Teams",
    roles: ['participation_officer', 'admin'],
    relations: [],
    refusal: 'Only a participation officer or an administrator can import survey results.',
    verbs: ['survey.new', 'survey.import'],
  },
  'activity.log': {
    what: 'Log a group participation activity (interview panel, training, peer inspection, ...): counts only',
    roles: ['participation_officer', 'admin'],
    relations: [],
    refusal: 'Only a participation officer or an administrator can log group participation.',
    verbs: ['activity.new', 'activity.save'],
  },
  'forum.printable': {
    what: 'Get a fresh one-hour link to a forum\'s printable "You said, we did" (families\' and care leavers\' forums)',
    roles: ['participation_officer', 'admin'],
    relations: ['facilitator'],
    refusal: 'Only this forum\'s facilitators or a participation officer can print its "You said, we did".',
    verbs: ['forum.printable'],
  },
  'channel.map': {
    what: 'Choose which channel receives which digest',
    roles: ['participation_officer', 'admin'],
    relations: [],
    refusal: 'Only a participation officer or an administrator can choose which channel the bot uses.',
    verbs: [],
  },
  'channel.map.team': {
    what: "Choose the channel for a team's weekly digest (totals only)",
    roles: ['participation_officer', 'admin'],
    relations: ['team_manager'],
    refusal: "Only the team's manager, a participation officer or an administrator can choose the channel for {ref}.",
    verbs: ['use this channel for'],
  },
  'admin.view': {
    what: '`admin`: parked and undelivered messages, bank-holiday data, pause nudges, delete a bot post, held imports',
    roles: ['admin'],
    relations: [],
    refusal: ADMIN_ONLY,
    verbs: ['admin', 'admin.view'],
  },
  'admin.outbox': { what: 'Retry or discard a parked message', roles: ['admin'], relations: [], refusal: ADMIN_ONLY, verbs: ['admin.retry', 'admin.discard'] },
  'admin.pause': { what: "Pause or resume one meeting's nudges", roles: ['admin'], relations: [], refusal: ADMIN_ONLY, verbs: ['admin.pause', 'admin.resume'] },
  'admin.delete-post': { what: 'Delete a channel post the bot made', roles: ['admin'], relations: [], refusal: ADMIN_ONLY, verbs: ['admin.deletePost'] },
  'admin.import': { what: 'Confirm or discard an import held for taking away too much', roles: ['admin'], relations: [], refusal: ADMIN_ONLY, verbs: ['admin.confirmImport', 'admin.discardImport'] },
  'audit.export': { what: 'Export the audit trail (CSV, or `admin audit`)', roles: ['admin'], relations: [], refusal: ADMIN_ONLY, verbs: [] },
  'export.evidence': {
    what: 'Export voice records, examples and "You said, we did" for an inspection (CSV; the evidence links on the report)',
    roles: ['admin', 'senior_manager'],
    relations: [],
    refusal: 'Only an administrator or a senior manager can export evidence.',
    verbs: [],
  },
  'export.sar': { what: 'Everything held about one case reference (subject access)', roles: ['admin'], relations: [], refusal: ADMIN_ONLY, verbs: [] },
  'import.run': { what: 'Import children, people, teams or meetings over HTTP, signed in (the nightly import runs as IMPORT_CALLER)', roles: ['admin'], relations: [], refusal: ADMIN_ONLY, verbs: [] },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

/** True when every role may take the action (it shows or changes only the person's own). */
export const openToEveryone = (action: Action): boolean => EVERYONE.every((r) => (POLICY[action].roles as readonly Role[]).includes(r));

/** The rule that guards a door (a command, card verb or other entry), if any. */
export const actionForVerb = (verb: string): Action | undefined => ACTIONS.find((a) => (POLICY[a].verbs as readonly string[]).includes(verb));
