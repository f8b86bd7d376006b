import { findPii, type PiiGuardOptions } from '../../core/pii';
import { identifyingInChannelPost, type ChannelPostFinding } from '../../core/safety';
import type { AuditLog, Clock, ConversationStore } from '../../core';
import type { TablesConfig } from '../tables/client';
import { TableOutboxStore } from '../tables/outbox-store';
import { ConnectorClient } from './connector-client';
import { defaultRetryPolicy, type RetryPolicyOptions } from './retry-policy';
import { AppBudget } from './app-budget';
import { OutboxSender } from './sender';
import { TableLeaseLedger } from './table-lease-ledger';
import { connectorToken, type ConnectorAuthConfig } from './token';

export { ConnectorClient, ConnectorError } from './connector-client';
export { defaultRetryPolicy, judgeFailure, parseRetryAfter, type RetryPolicyOptions } from './retry-policy';
export { allot, AppBudget, BudgetUnavailable, MemoryLeaseLedger, type AppBudgetOptions, type LeaseLedger, type LedgerState } from './app-budget';
export { MAX_IN_FLIGHT, OutboxSender, type DrainReport, type OutboxSenderOptions } from './sender';
export { TableLeaseLedger } from './table-lease-ledger';
export { Throttle, teamsPerApp, teamsPerConversation } from './throttle';
export { connectorToken, type ConnectorAuthConfig } from './token';
export { TableOutboxStore, type OutboxItem, type OutboxStatus } from '../tables/outbox-store';

/** The outbox (what producers enqueue to) and its sender (what the timer, or a producer, drains with). */
/**
 * What production checks every channel post with: the full PII guard, told the council's settings (its case
 * formats, gazetteer, promise titles) and today's date, on every string a reader sees; case-reference shapes
 * everywhere.
 */
export const channelGuardFor =
  (options: PiiGuardOptions) =>
  (payload: unknown): ChannelPostFinding[] =>
    identifyingInChannelPost(payload, (text) => findPii(text, options));

/** The guard with no council settings beyond today's date. */
export const defaultChannelGuard = channelGuardFor({ now: () => new Date() });

export function createOutbox(options: {
  tables: TablesConfig;
  clock: Clock;
  conversations: Pick<ConversationStore, 'get'>;
  audit: Pick<AuditLog, 'append'>;
  auth: ConnectorAuthConfig;
  policy?: Partial<RetryPolicyOptions>;
  log?: (message: string) => void;
  /** The council's PII guard settings for the last check on channel posts (today's date comes from the clock). */
  guard?: PiiGuardOptions;
  /** The app's call budget; by default shared by every instance through Table Storage (`OutboxBudget`). */
  budget?: AppBudget;
}): { outbox: TableOutboxStore; sender: OutboxSender } {
  const outbox = new TableOutboxStore(options.tables, options.clock);
  const sender = new OutboxSender({
    store: outbox,
    conversations: options.conversations,
    audit: options.audit,
    connector: new ConnectorClient({ token: connectorToken(options.auth) }),
    clock: options.clock,
    channelGuard: channelGuardFor({ ...options.guard, now: () => options.clock.now() }),
    // Every instance leases its share of the budget in one ledger, so together they keep under Teams' 50 a second.
    budget: options.budget ?? new AppBudget({ ledger: new TableLeaseLedger(options.tables) }),
    // Retries falling due within 15 s are waited for, so the tail ends soon after the bulk.
    waitForRetriesMs: 15_000,
    ...(options.policy ? { policy: { ...defaultRetryPolicy, ...options.policy } } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return { outbox, sender };
}
