import type { FeedbackFact } from '../model/feedback';
import type { HarderToHearGroup } from '../model/child';
import type { MeetingType } from '../model/meeting';
import type { ParticipationMode, PnCode, VoiceMethod } from '../model/participation';

/**
 * Narrow read models the digests need. Each query takes the period it reports, so a digest's cost grows
 * with the period, not the history (the stores keep these partitioned by date). The lead adapts them to
 * the voice, tracker, examples and forum stores.
 */

/** One meeting about a child, with what happened to the child's voice around it. */
export interface MeetingVoiceFact {
  meetingId: string;
  childRef: string;
  teamId: string;
  district: string;
  type: MeetingType;
  /** Instant the meeting starts (ISO 8601). */
  start: string;
  /** The "voice by" instant: the report deadline for this meeting type. */
  voiceDue: string;
  /** When the child's voice (or a recorded decline) was first recorded; absent while missing. */
  voiceRecordedAt?: string;
  /** How the child took part in the meeting (SSDA903). */
  pn?: PnCode;
  /** The child declined to share views: a valid choice, never counted as heard. */
  declined?: boolean;
  /** The views were shared with the chair (or IRO) before the meeting. Absent: not recorded. */
  sharedWithChair?: boolean;
  /** When the record first said the views were shared with the chair (or IRO); absent: when it was recorded. */
  sharedAt?: string;
  /** The child was prepared for the meeting. Absent: not recorded. */
  prepared?: boolean;
  /** How the views were gathered (Mind of My Own included). Absent: not recorded. */
  methods?: readonly VoiceMethod[];
  /** The child attended (or chaired) the meeting. Absent: not recorded. */
  attended?: boolean;
  /** Who recorded the PN code: the chair after the meeting, or the worker. */
  pnBy?: 'chair' | 'worker';
  /** The chair met the child before the meeting (Care Planning Regulations 2010, reg 36). Absent: not recorded. */
  chairMetChildBefore?: boolean;
  /** The child's views changed the plan. Absent: not recorded. */
  viewsChangedPlan?: boolean;
  /** Feedback after the meeting: offered a form, and the three-point answer (no text). Absent: not recorded. */
  childFeedback?: FeedbackFact;
  parentsFeedback?: FeedbackFact;
  advocacyRequired: boolean;
  /** When the voice record first said advocacy was offered (older records: their last save); absent: not offered. */
  advocacyOfferedAt?: string;
  /** When the manager was told the voice was still missing. */
  escalatedAt?: string;
  /** When the child was told what was decided and why. */
  toldOutcomeAt?: string;
  /** The child's harder-to-hear groups (reported only in aggregate). */
  groups: readonly HarderToHearGroup[];
}

export interface VoiceFacts {
  /** Meetings (not cancelled) starting in [from, to). */
  forMeetingsBetween(from: Date, to: Date): Promise<MeetingVoiceFact[]>;
  /**
   * The children with a meeting starting in [from, to) (cancelled ones too): what a channel post must not
   * name. Read from the meetings alone, not their voice records (a board's year is 75,000 reads fewer).
   */
  childRefsBetween(from: Date, to: Date): Promise<string[]>;
}

/** A participation example against the promises. `summary` is shown in channels only when `shareable`. */
export interface ExampleFact {
  id: string;
  recordedAt: string;
  promiseIds: readonly string[];
  mode: ParticipationMode;
  teamId?: string;
  district?: string;
  /** De-identified and passed the PII guard: may appear in channels and to young people. */
  shareable: boolean;
  summary: string;
  /** Who recorded it: the one person who can change it (asked to when young people would find it hard to read). */
  authorId?: string;
}

export interface ExampleFacts {
  /** Examples recorded in [from, to). */
  between(from: Date, to: Date): Promise<ExampleFact[]>;
}

export const TrackerStatusValues = ['open', 'done', 'not_possible'] as const;
export type TrackerStatus = (typeof TrackerStatusValues)[number];

/** A "You said, we did" item. Its texts are written in general terms and pass the PII guard. */
export interface TrackerItemFact {
  id: string;
  raisedAt: string;
  /** Due date, YYYY-MM-DD (London). */
  due: string;
  status: TrackerStatus;
  closedAt?: string;
  youSaid: string;
  /** What changed (done) or why not (not possible). */
  outcome?: string;
  promiseId?: string;
  teamId?: string;
  /** The owner's team (open items): a manager's team holds the items its people own, as in `my actions`. */
  ownerTeamId?: string;
  /** Who is doing it, as young people may be told: a team's name (never a person's). */
  who?: string;
  /** Whether the texts passed the PII guard and may be shown to a channel or to young people. */
  shareable: boolean;
  /**
   * The outcome recorded, told or not: an item whose status is still 'open' with an outcome kind is done
   * (or not possible) and waits only for the children to be told, which a digest to them does.
   */
  outcomeKind?: 'done' | 'not_possible';
  /** Who raised it (absent: not known, as on items saved before it was asked). */
  raisedBy?: ItemRaisedBy;
}

/** Who raised a "You said": a forum (by id, with its type when known), a group of children, or one child (never named). */
export type ItemRaisedBy = { kind: 'forum'; forumId: string; forumType?: string } | { kind: 'group' } | { kind: 'child' } | { kind: 'family' } | { kind: 'board' } | { kind: 'unknown' };

export interface TrackerFacts {
  raisedBetween(from: Date, to: Date): Promise<TrackerItemFact[]>;
  closedBetween(from: Date, to: Date): Promise<TrackerItemFact[]>;
  /** Every item still open (a working set, not history). */
  open(): Promise<TrackerItemFact[]>;
}

/** The whole cohort's harder-to-hear make-up, to compare with the children heard. */
export interface CohortFacts {
  groupCounts(onDate: Date): Promise<{ total: number; byGroup: Partial<Record<HarderToHearGroup, number>> }>;
}

export const AuditVerdictValues = ['kept', 'partly', 'not_yet'] as const;
export type AuditVerdict = (typeof AuditVerdictValues)[number];

/** The CICC's audit of one promise at one meeting. */
export interface PromiseAudit {
  occurrenceId: string;
  promiseId: string;
  verdict: AuditVerdict;
  comment: string;
  at: string;
  byId: string;
}

export interface PromiseAuditStore {
  /** Adds one answer (earlier answers are kept). */
  save(audit: PromiseAudit): Promise<void>;
  /** Every answer recorded in [from, to), earlier ones included. */
  between(from: Date, to: Date): Promise<PromiseAudit[]>;
}

/** A forum meeting (CICC, CPB) the digests are timed against. */
export interface ForumOccurrence {
  /** `<forum id>:<original London date>`. */
  id: string;
  forum: 'CICC' | 'CPB';
  start: string;
  /** The forum it belongs to (default: the id before its last ':'). */
  forumId?: string;
}

/** The forum an occurrence belongs to. */
export const forumIdOf = (o: Pick<ForumOccurrence, 'id' | 'forumId'>): string => o.forumId ?? (o.id.includes(':') ? o.id.slice(0, o.id.lastIndexOf(':')) : o.id);

export interface ForumCalendar {
  /** Occurrences of the forum starting in [from, to). */
  occurrencesBetween(forum: ForumOccurrence['forum'], from: Date, to: Date): Promise<ForumOccurrence[]>;
  /** The latest occurrence starting before `before`. */
  previous(forum: ForumOccurrence['forum'], before: Date): Promise<ForumOccurrence | undefined>;
}

/** Checks free text before it can reach a channel (the PII guard, core/pii). */
export interface TextGuard {
  isShareable(text: string): boolean;
}
