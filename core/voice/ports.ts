import type { ChairRecord } from './chair-record';
import type { IsoDate } from '../calendar/working-days';
import type { AfterMeetingRecord } from './after-meeting-record';
import type { VoiceRecord } from './voice-record';

export interface VoiceRecordStore {
  get(meetingId: string): Promise<VoiceRecord | undefined>;
  /** Records for these meetings (absent ones are simply missing from the map). */
  getMany(meetingIds: readonly string[]): Promise<Map<string, VoiceRecord>>;
  save(record: VoiceRecord): Promise<void>;
}

/** What has happened to one meeting's nudges, one fact per stage and voice-by date. */
export interface NudgeFact {
  meetingId: string;
  /** 'import', 'd-3', 'snooze-<date>', 'escalation', 'snoozed', 'not-mine' ... */
  stage: string;
  /** The voice-by date the fact belongs to: a moved meeting starts afresh. */
  voiceBy: IsoDate;
  kind: 'sent' | 'skipped' | 'escalated' | 'snoozed' | 'claimed-elsewhere';
  /** The London date it happened (or, for 'snoozed', the date to remind on). */
  on: IsoDate;
  /** Who it went to, or who asked. */
  personId?: string;
  /** For a "not my case": the colleague the worker named as holding it. */
  namedId?: string;
  at: string;
}

export const factKey = (f: Pick<NudgeFact, 'stage' | 'voiceBy'>): string => `${f.stage}|${f.voiceBy}`;

export interface NudgeStateStore {
  /** Every fact of these meetings, by meeting id. */
  listForMeetings(meetingIds: readonly string[]): Promise<Map<string, NudgeFact[]>>;
  /** Idempotent: writing the same fact twice leaves one. */
  record(facts: readonly NudgeFact[]): Promise<void>;
  /**
   * The 'escalated' facts that happened (their `on` date) from `from` to `to` inclusive, whatever the
   * meeting: what a digest reports reads its own days, not every meeting's history.
   */
  escalationsBetween(from: IsoDate, to: IsoDate): Promise<NudgeFact[]>;
  /** Removes these facts of one meeting (an administrator's pause, undone). */
  removeFacts(meetingId: string, facts: readonly Pick<NudgeFact, 'stage' | 'voiceBy'>[]): Promise<void>;
  /** Meetings whose nudges an administrator paused, one row each. */
  listPauses(): Promise<MeetingPause[]>;
  getPause(meetingId: string): Promise<MeetingPause | undefined>;
  savePause(pause: MeetingPause): Promise<void>;
  removePause(meetingId: string): Promise<void>;
  /** True once the morning scan of this date has finished. */
  isRunDone(date: IsoDate): Promise<boolean>;
  markRunDone(date: IsoDate, summary: Record<string, number>): Promise<void>;
  /** A nudge card enqueued for one person on one date (so its delivery can be checked later). */
  recordDigest(digest: SentDigest): Promise<void>;
  /** The morning's cards at once, where the store can write them together. */
  recordDigests?(digests: readonly SentDigest[]): Promise<void>;
  listDigests(date: IsoDate): Promise<SentDigest[]>;
}

/** An administrator paused one meeting's nudges: which stages the pause marked skipped, so it can be undone. */
export interface MeetingPause {
  meetingId: string;
  voiceBy: IsoDate;
  /** The stages that had no fact yet and that the pause recorded as skipped. */
  stages: string[];
  byId: string;
  at: string;
}

export interface SentDigest {
  date: IsoDate;
  recipientId: string;
  /** The outbox dedupe key of the card. */
  messageKey: string;
  meetingIds: string[];
  /** Set once the outbox has delivered it or given up. */
  outcome?: 'delivered' | 'undeliverable';
}

/** What became of an enqueued message: the outbox's final word, or 'pending' while it is still trying. */
export interface DeliveryStatus {
  deliveryOf(dedupeKey: string): Promise<'pending' | 'delivered' | 'undeliverable'>;
}

/** The worker's line manager (directory: Graph /users/{id}/manager in Azure). */
export interface ManagerDirectory {
  managerOf(personId: string): Promise<string | undefined>;
}

/** The voice records and nudge facts of some meetings, as the morning scan reads them. */
export interface MeetingVoiceState {
  records: Map<string, VoiceRecord>;
  /** Only meetings with facts appear. */
  facts: Map<string, NudgeFact[]>;
}

/**
 * A meeting as the morning scan asks for its state: its current voice-by date, and the earliest date views
 * still count from. Without `freshFrom` only its facts (and a record filed by that voice-by date) are looked
 * for: the after-meeting questions, whose facts are filed by the meeting's own date.
 */
export interface MeetingStateKey {
  id: string;
  voiceBy: IsoDate;
  freshFrom?: IsoDate;
}

/**
 * Reads the voice records and nudge facts of the morning's meetings together. Facts are returned only for
 * each meeting's current voice-by date (the only ones the scan uses); a record is returned if it could
 * still count (gathered on or after `freshFrom`) or was recorded under the current voice-by date.
 */
export interface MeetingVoiceReader {
  readForMeetings(meetings: readonly MeetingStateKey[]): Promise<MeetingVoiceState>;
}

/** After-meeting answers: was the child told what was decided. */
/** The chair's record of each meeting (how the child took part, reg 36, whether the plan changed); the digests read it per meeting. */
export interface ChairRecordStore {
  get(meetingId: string): Promise<ChairRecord | undefined>;
  getMany(meetingIds: readonly string[]): Promise<Map<string, ChairRecord>>;
  save(record: ChairRecord): Promise<void>;
}

export interface AfterMeetingStore {
  get(meetingId: string): Promise<AfterMeetingRecord | undefined>;
  getMany(meetingIds: readonly string[]): Promise<Map<string, AfterMeetingRecord>>;
  /** Saves the answer; a "planned for <date>" answer is also filed under its date, for the follow-up. */
  save(record: AfterMeetingRecord): Promise<void>;
  /** Every "we'll tell them on <date>" filed for a date up to and including `date`, not yet followed up. */
  listPlannedUpTo(date: IsoDate): Promise<PlannedTelling[]>;
  /** Takes one off that list (followed up, or the answer has changed since). */
  clearPlanned(p: PlannedTelling): Promise<void>;
}

/** A worker's answer "the child will be told on <plannedFor>", filed by that date. */
export interface PlannedTelling {
  meetingId: string;
  plannedFor: IsoDate;
}
