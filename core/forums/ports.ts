import type { IsoDate } from '../calendar/working-days';
import type { Versioned } from '../ports';
import type { Forum } from './forum';
import type { ForumOutcome } from './outcome';

export interface ForumStore {
  get(id: string): Promise<Versioned<Forum> | undefined>;
  list(): Promise<Forum[]>;
  /** Creates (no etag: CONFLICT if the id exists) or replaces if unchanged since `etag`; returns the new ETag. */
  save(forum: Forum, etag?: string): Promise<string>;
}

export interface ForumOutcomeStore {
  get(forumId: string, originalDate: IsoDate): Promise<ForumOutcome | undefined>;
  /** Creates; CONFLICT when this occurrence's outcome was already recorded. */
  create(outcome: ForumOutcome): Promise<void>;
  listForForum(forumId: string): Promise<ForumOutcome[]>;
}

/** A "You said" item, as forums need to see it. */
export interface YouSaidSummary {
  id: string;
  /** Written in general terms; passes the PII guard before it is stored. */
  text: string;
  ownerId: string;
  dueDate: IsoDate;
  /** The forum occurrence it came from. */
  occurrenceDate?: IsoDate;
}

/** A forum's "You said" with its outcome recorded: what we did, or why we could not. */
export interface YouSaidDone {
  id: string;
  text: string;
  outcome: 'done' | 'not_possible';
  /** "We did" or why not. */
  result: string;
  /** Whether the forum has been told already (the item is closed). */
  told: boolean;
}

export interface NewYouSaid {
  text: string;
  ownerId: string;
  dueDate: IsoDate;
  source: { kind: 'forum'; forumId: string; forumName: string; occurrenceDate: IsoDate };
  createdBy: string;
}

/**
 * The slice of the "You said, we did" tracker that forums use (core/tracker owns the items; this
 * port is adapted to its API where the bot and timer are wired).
 */
export interface YouSaidTracker {
  create(item: NewYouSaid): Promise<{ id: string }>;
  /** This forum's items with no outcome yet. */
  listOpenForForum(forumId: string): Promise<YouSaidSummary[]>;
  /** This forum's items with their outcome: every one not yet told, and those told on or after `since`. */
  listDoneForForum(forumId: string, since: IsoDate): Promise<YouSaidDone[]>;
}

/** Whether free text may be shown in a channel; reason in plain words when not. */
export type PiiVerdict = { ok: true } | { ok: false; reason: string };
export type PiiCheck = (text: string) => PiiVerdict | Promise<PiiVerdict>;
