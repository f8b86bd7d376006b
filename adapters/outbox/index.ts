import { caseRefsInChannelPost } from '../../core/safety/channel-post';
import type { AuditLog, Clock, ConversationStore } from '../../core';
import type { TablesConfig } from '../tables/client';
import { TableOutboxStore } from '../tables/outbox-store';
import { ConnectorClient } from './connector-client';
import type { RetryPolicyOptions } from './retry-policy';
import { OutboxSender } from './sender';
import { connectorToken, type ConnectorAuthConfig } from './token';

export { ConnectorClient, ConnectorError } from './connector-client';
export { defaultRetryPolicy, judgeFailure, parseRetryAfter, type RetryPolicyOptions } from './retry-policy';
export { OutboxSender, type DrainReport, type OutboxSenderOptions } from './sender';
export { Throttle, teamsPerApp, teamsPerConversation } from './throttle';
export { connectorToken, type ConnectorAuthConfig } from './token';
export { TableOutboxStore, type OutboxItem, type OutboxStatus } from '../tables/outbox-store';

/** The outbox (what producers enqueue to) and its sender (what the timer, or a producer, drains with). */
/** What production checks every channel post with: nothing shaped like a case reference. */
export const defaultChannelGuard = (payload: unknown): string[] => caseRefsInChannelPost(payload);

export function createOutbox(options: {
  tables: TablesConfig;
  clock: Clock;
  conversations: Pick<ConversationStore, 'get'>;
  audit: Pick<AuditLog, 'append'>;
  auth: ConnectorAuthConfig;
  policy?: Partial<RetryPolicyOptions>;
  log?: (message: string) => void;
}): { outbox: TableOutboxStore; sender: OutboxSender } {
  const outbox = new TableOutboxStore(options.tables, options.clock);
  const sender = new OutboxSender({
    store: outbox,
    conversations: options.conversations,
    audit: options.audit,
    connector: new ConnectorClient({ token: connectorToken(options.auth) }),
    clock: options.clock,
    channelGuard: defaultChannelGuard,
    ...(options.policy ? { policy: { maxAttempts: 8, baseDelayMs: 5_000, maxDelayMs: 15 * 60_000, ...options.policy } } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return { outbox, sender };
}
