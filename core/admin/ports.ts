import type { Recipient } from '../model/messaging';

/** An outbox message as the admin view shows it: what, to whom, and how it ended; never the card itself. */
export interface OutboxView {
  id: string;
  kind: string;
  /** Undefined for a row that could not be read (it is parked with the reason in lastError). */
  to?: Recipient;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'parked';
  enqueuedAt: string;
  lastError?: string;
  sentAt?: string;
  activityId?: string;
  conversationId?: string;
  /** Attempts whose outcome was unknown (a timeout or 5xx, or a claim lost in a crash): it may have arrived twice. */
  possibleDuplicates?: number;
}

/** What an administrator may do to the outbox. Each returns false when the message changed meanwhile. */
export interface AdminOutbox {
  list(status: 'parked' | 'failed' | 'sent'): Promise<OutboxView[]>;
  get(id: string): Promise<OutboxView | undefined>;
  /** A parked message is sent again from now. */
  retry(id: string): Promise<boolean>;
  /** A parked message is given up: it will never be sent. */
  discard(id: string): Promise<boolean>;
  /** A sent message whose post was deleted from Teams is marked so. */
  markDeleted(id: string): Promise<boolean>;
}

/** Deletes a message the bot posted (Bot Connector DELETE activity). */
export type DeletePost = (post: { recipient: Recipient; conversationId: string; activityId: string }) => Promise<void>;
