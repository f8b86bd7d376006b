import type { Recipient } from '../model/messaging';

/** An outbox message as the admin view shows it: what, to whom, and how it ended; never the card itself. */
export interface OutboxView {
  id: string;
  kind: string;
  to: Recipient;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'parked';
  enqueuedAt: string;
  lastError?: string;
  sentAt?: string;
  activityId?: string;
  conversationId?: string;
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
