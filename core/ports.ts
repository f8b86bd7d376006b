import type { AuditEntry } from './model/audit';
import type { Child } from './model/child';
import type { Meeting } from './model/meeting';
import type { ConversationRecord, OutgoingMessage } from './model/messaging';
import type { Person } from './model/person';
import type { Team } from './model/team';

/** A stored record with the ETag that guards its next write (optimistic concurrency). */
export interface Versioned<T> {
  value: T;
  etag: string;
}

export interface ChildStore {
  get(ref: string): Promise<Versioned<Child> | undefined>;
  upsertMany(children: readonly Child[]): Promise<void>;
  listByWorker(workerId: string): Promise<Child[]>;
  listByTeam(teamId: string): Promise<Child[]>;
}

export interface PersonStore {
  get(id: string): Promise<Person | undefined>;
  getByUpn(upn: string): Promise<Person | undefined>;
  upsertMany(people: readonly Person[]): Promise<void>;
  listByTeam(teamId: string): Promise<Person[]>;
  list(): Promise<Person[]>;
}

export interface TeamStore {
  get(id: string): Promise<Team | undefined>;
  upsertMany(teams: readonly Team[]): Promise<void>;
  list(): Promise<Team[]>;
}

export interface MeetingStore {
  get(id: string): Promise<Versioned<Meeting> | undefined>;
  /** Inserts or replaces by id; a moved meeting leaves no trace under its old date. */
  upsertMany(meetings: readonly Meeting[]): Promise<void>;
  /** Meetings starting in [from, to): reads only the days in the window, whatever the history held. */
  listStartingBetween(from: Date, to: Date): Promise<Meeting[]>;
  listForChild(childRef: string): Promise<Meeting[]>;
  /** Meetings this person chairs (by the import's chair_id), soonest first: one partition. */
  listForChair(chairId: string): Promise<Meeting[]>;
}

export interface ConversationStore {
  save(record: ConversationRecord): Promise<void>;
  get(key: string): Promise<ConversationRecord | undefined>;
  /** Marks the conversation greeted; false when it already was (so a greeting is sent once). */
  markGreeted(key: string, at: Date): Promise<boolean>;
  listChannels(): Promise<ConversationRecord[]>;
}

/** The only way core sends anything: enqueue to the outbox, which delivers once. */
export interface Outbox {
  /** Returns false when a message with this dedupe key was already enqueued (nothing new is sent). */
  enqueue(message: OutgoingMessage): Promise<boolean>;
  /** Many at once, in a few requests where the store can (the morning scan's cards): each answer as enqueue's. */
  enqueueMany?(messages: readonly OutgoingMessage[]): Promise<boolean[]>;
}

export interface AuditLog {
  append(entry: Omit<AuditEntry, 'id' | 'at'> & { at?: string }): Promise<void>;
  /** Many entries at once, in fewer requests where the log can (the morning scan's): each as append would write it. */
  appendMany?(entries: readonly (Omit<AuditEntry, 'id' | 'at'> & { at?: string })[]): Promise<void>;
  listForRecord(recordType: string, recordId: string): Promise<AuditEntry[]>;
}
