import { createHash } from 'node:crypto';
import { recipientKey, type AuditLog, type Clock, type ConversationRecord, type ConversationStore } from '../../core';
import type { ChannelPostFinding } from '../../core/safety';
import { UnreadableOutboxRow, type OutboxItem, type TableOutboxStore, type Transition, type UnreadableRow } from '../tables/outbox-store';
import { ConnectorError, type ConnectorClient } from './connector-client';
import { defaultRetryPolicy, judgeFailure, type RetryPolicyOptions } from './retry-policy';
import { Throttle } from './throttle';

export interface OutboxSenderOptions {
  store: Pick<TableOutboxStore, 'listDue' | 'getById' | 'get' | 'transition' | 'dropDue' | 'setAside'>;
  conversations: Pick<ConversationStore, 'get'>;
  audit: Pick<AuditLog, 'append'>;
  connector: ConnectorClient;
  clock: Clock;
  throttle?: Throttle;
  policy?: RetryPolicyOptions;
  /** How long a claim holds a message; must exceed a connector call's timeout. After it, a crashed claim is retried. */
  leaseMs?: number;
  /** Conversations sent to at once (each conversation's own messages go one by one, in order). */
  concurrency?: number;
  /** Due items read per round. */
  batchSize?: number;
  log?: (message: string) => void;
  /**
   * Anything identifying in a channel post, by path and kind (core/safety/channel-post.ts); a post with any is
   * not sent, and the refusal is audited. 1:1 messages to the people who hold a case are not checked.
   */
  channelGuard?: (payload: unknown) => ChannelPostFinding[];
}

export interface DrainReport {
  sent: number;
  updated: number;
  retrying: number;
  failed: number;
  parked: number;
  /** Claimed by another drain first, or not due after all. */
  skipped: number;
}

type Outcome = keyof DrainReport | 'throttled';
const WAIT_FOR_EARLIER_MS = 10_000;
const MAX_THROTTLE_WAIT_MS = 10_000;

/** The audit record id: the dedupe key when it fits, else a digest of it. */
const auditIdOf = (item: OutboxItem): string =>
  item.message.dedupeKey.length <= 200 ? item.message.dedupeKey : `sha256:${createHash('sha256').update(item.message.dedupeKey).digest('hex')}`;

/**
 * Sends what is due in the outbox, each logical message once. A message is claimed (ETag) before it is
 * sent and recorded sent straight after the connector accepts it; every failure is recorded with its
 * next attempt, so a crash at any point leaves it to be picked up again, never dropped.
 */
export class OutboxSender {
  private readonly throttle: Throttle;
  private readonly policy: RetryPolicyOptions;
  private readonly leaseMs: number;
  private readonly log: (message: string) => void;
  /** Aborted on shutdown (functions/shutdown.ts): nothing new is claimed; what is in flight finishes. */
  readonly shutdown = new AbortController();
  private readonly running = new Set<Promise<DrainReport>>();

  constructor(private readonly o: OutboxSenderOptions) {
    this.throttle = o.throttle ?? new Throttle();
    this.policy = o.policy ?? defaultRetryPolicy;
    this.leaseMs = o.leaseMs ?? 120_000;
    this.log = o.log ?? (() => undefined);
  }

  /** Drains until nothing is due or `budgetMs` has passed (items left over stay due for the next run). */
  drain(budgetMs = 45_000): Promise<DrainReport> {
    const run = this.drainOnce(budgetMs);
    this.running.add(run);
    void run.then(
      () => this.running.delete(run),
      () => this.running.delete(run),
    );
    return run;
  }

  /** Stops claiming; resolves once every drain in progress has recorded what it had in flight. */
  async stop(): Promise<void> {
    this.shutdown.abort();
    await Promise.allSettled([...this.running]);
  }

  private get stopping(): boolean {
    return this.shutdown.signal.aborted;
  }

  private async drainOnce(budgetMs: number): Promise<DrainReport> {
    const report: DrainReport = { sent: 0, updated: 0, retrying: 0, failed: 0, parked: 0, skipped: 0 };
    const deadline = Date.now() + budgetMs;
    const batchSize = this.o.batchSize ?? 200;
    const held = new Set<string>(); // conversations the connector throttled during this drain
    while (!this.stopping) {
      const ids = await this.o.store.listDue(this.o.clock.now(), batchSize);
      if (ids.length === 0) break;
      const before = report.sent + report.updated + report.retrying + report.failed + report.parked;
      await this.round(ids, report, deadline, held);
      const progressed = report.sent + report.updated + report.retrying + report.failed + report.parked > before;
      if (ids.length < batchSize || !progressed || Date.now() >= deadline) break;
    }
    return report;
  }

  private async round(ids: string[], report: DrainReport, deadline: number, held: Set<string>): Promise<void> {
    const now = this.o.clock.now();
    const items: OutboxItem[] = [];
    const toRead = [...ids];
    const reader = async () => {
      for (let id = toRead.shift(); id !== undefined; id = toRead.shift()) {
        let item: OutboxItem | undefined;
        try {
          item = await this.o.store.getById(id);
        } catch (err) {
          if (!(err instanceof UnreadableOutboxRow)) throw err;
          // One bad row is set aside, never allowed to stop the drain for everyone else.
          if (await this.setAside(err.row)) report.parked++;
          continue;
        }
        const live = item && (item.status === 'pending' || (item.status === 'sending' && (item.leaseUntil ?? '') <= now.toISOString()));
        if (live && item) items.push(item);
        else if (!item || item.status === 'sent' || item.status === 'failed' || item.status === 'parked') await this.o.store.dropDue(id);
      }
    };
    await Promise.all(Array.from({ length: 8 }, reader));
    // One queue per conversation, oldest first: order kept within a conversation, conversations in parallel.
    const queues = new Map<string, OutboxItem[]>();
    for (const item of items.sort((a, b) => (a.enqueuedAt < b.enqueuedAt ? -1 : 1))) {
      const key = recipientKey(item.message.to);
      queues.set(key, [...(queues.get(key) ?? []), item]);
    }
    const pending = [...queues.entries()].filter(([key]) => !held.has(key));
    const worker = async () => {
      for (let next = pending.shift(); next; next = pending.shift()) {
        const [key, queue] = next;
        try {
          if ((await this.sendQueue(key, queue, report, deadline)) === 'throttled') held.add(key);
        } catch (err) {
          // Storage trouble mid-queue: whatever was claimed is retried when its lease ends.
          this.log(`outbox: conversation ${key} stopped: ${(err as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency ?? 8, pending.length) }, worker));
  }

  private async sendQueue(key: string, queue: OutboxItem[], report: DrainReport, deadline: number): Promise<'throttled' | 'done'> {
    const conversation = await this.o.conversations.get(key);
    for (const item of queue) {
      if (Date.now() >= deadline || this.stopping) break; // shutting down: claim nothing more
      const outcome = await this.sendOne(item, conversation);
      report[outcome === 'throttled' ? 'retrying' : outcome]++;
      // The connector asked this conversation to slow down: leave the rest due for the next drain.
      if (outcome === 'throttled') return 'throttled';
    }
    return 'done';
  }

  private async sendOne(item: OutboxItem, conversation: ConversationRecord | undefined): Promise<Outcome> {
    const key = recipientKey(item.message.to);
    // A long wait (the 30 s or hourly window is full) is left to a later drain rather than held under a lease.
    if (conversation && this.throttle.delayFor(key) > MAX_THROTTLE_WAIT_MS) return 'skipped';
    const now = this.o.clock.now();
    const leaseUntil = new Date(now.getTime() + this.leaseMs).toISOString();
    const claimed = await this.o.store.transition(item, {
      status: 'sending',
      attempts: item.attempts + 1,
      // Claiming from 'sending' means an earlier claim crashed: it may or may not have reached Teams.
      uncertainResends: item.uncertainResends + (item.status === 'sending' ? 1 : 0),
      leaseUntil,
      dueAt: leaseUntil,
    });
    if (!claimed) return 'skipped';

    if (!conversation) {
      await this.finish(claimed, 'failed', 'outbox.undeliverable', 'no_conversation', {});
      return 'failed';
    }
    if (item.message.to.kind === 'channel' && this.o.channelGuard) {
      const found = this.o.channelGuard({ text: item.message.text, card: item.message.card });
      if (found.length) {
        // Never retried: the same payload would fail again. The audit names where and what kind, never the words.
        const kinds = [...new Set(found.flatMap((f) => f.kinds))];
        await this.finish(claimed, 'failed', 'outbox.blocked', `identifying_detail: ${kinds.join(', ')}`, {
          paths: found.slice(0, 10).map((f) => f.path),
          kinds,
        });
        return 'failed';
      }
    }
    const target = {
      serviceUrl: String(conversation.reference.serviceUrl ?? ''),
      conversationId: String((conversation.reference.conversation as { id?: string } | undefined)?.id ?? ''),
    };
    const activity: Record<string, unknown> = {
      type: 'message',
      ...(item.message.text !== undefined ? { text: item.message.text } : {}),
      ...(item.message.card ? { attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: item.message.card }] } : {}),
    };

    let replacing: OutboxItem | undefined;
    if (item.message.replaces) {
      replacing = await this.o.store.get(item.message.replaces);
      if (replacing && (replacing.status === 'pending' || replacing.status === 'sending')) {
        // The card it refreshes is not out yet: wait for it rather than post a second card.
        await this.o.store.transition(claimed, { status: 'pending', dueAt: new Date(now.getTime() + WAIT_FOR_EARLIER_MS).toISOString() });
        return 'retrying';
      }
      if (replacing?.status !== 'sent' || !replacing.activityId || replacing.conversationId !== target.conversationId) replacing = undefined;
    }

    try {
      await this.throttle.acquire(key); // booked just before the call, so Teams sees the pace we kept
      const activityId = replacing
        ? await this.o.connector.update(target, replacing.activityId!, activity)
        : await this.o.connector.send(target, activity);
      await this.recordSent(claimed, {
        status: 'sent',
        activityId: replacing ? replacing.activityId : activityId,
        conversationId: target.conversationId,
        sentAt: this.o.clock.now().toISOString(),
        lastError: '',
      });
      const doubtful = claimed.possibleDuplicates + claimed.uncertainResends;
      if (doubtful) this.log(`outbox: ${claimed.id} sent after ${doubtful} attempt(s) whose outcome was unknown: it may have arrived more than once`);
      return replacing ? 'updated' : 'sent';
    } catch (err) {
      if (!(err instanceof ConnectorError)) throw err;
      return this.afterFailure(claimed, err);
    }
  }

  /**
   * Records a send the connector accepted. This write is the duplicate window's other edge, so a storage
   * hiccup here is retried for about 30 s (well inside the lease) before the message is left to its lease.
   */
  private async recordSent(claimed: OutboxItem, change: Transition): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const done = await this.o.store.transition(claimed, change);
        if (!done) this.log(`outbox: ${claimed.id} was sent but someone else changed it first; it may be sent again`);
        return;
      } catch (err) {
        if (attempt >= 6) throw err;
        this.log(`outbox: recording ${claimed.id} as sent failed (${(err as Error).message}); retrying`);
        await new Promise((r) => setTimeout(r, 500 * 2 ** (attempt - 1)));
      }
    }
  }

  private async afterFailure(item: OutboxItem, err: ConnectorError): Promise<Outcome> {
    const now = this.o.clock.now();
    const failures = err.status === 429 ? item.failures : item.failures + 1;
    const verdict = judgeFailure({ status: err.status, retryAfter: err.retryAfter }, failures, now, this.policy);
    // A timeout or 5xx may come after the connector accepted the message: if it is sent again, it may arrive twice.
    const possibleDuplicates = item.possibleDuplicates + (err.mayHaveArrived ? 1 : 0);
    if (err.mayHaveArrived) this.log(`outbox: ${item.id} ${err.message.slice(0, 80)}: it may have arrived, so a later send may duplicate it (${possibleDuplicates} so far)`);
    const detail = { status: err.status ?? 'network', attempts: item.attempts, ...(possibleDuplicates ? { possibleDuplicates } : {}) };
    if (verdict.kind === 'undeliverable') {
      await this.finish(item, 'failed', 'outbox.undeliverable', 'blocked_or_removed', detail);
      return 'failed';
    }
    if (verdict.kind === 'park') {
      await this.finish(item, 'parked', 'outbox.parked', err.message.slice(0, 300), detail, failures, possibleDuplicates);
      return 'parked';
    }
    await this.o.store.transition(item, {
      status: 'pending',
      failures,
      possibleDuplicates,
      lastError: err.message.slice(0, 500),
      dueAt: new Date(now.getTime() + verdict.afterMs).toISOString(),
    });
    return err.status === 429 ? 'throttled' : 'retrying';
  }

  /** Audit first, then the final state: a crash between the two repeats the audit entry, never loses it. */
  private async finish(
    item: OutboxItem,
    status: 'failed' | 'parked',
    action: 'outbox.undeliverable' | 'outbox.parked' | 'outbox.blocked',
    reason: string,
    detail: Record<string, unknown>,
    failures = item.failures,
    possibleDuplicates = item.possibleDuplicates,
  ): Promise<void> {
    await this.o.audit.append({
      actorId: 'system:outbox',
      action,
      recordType: 'outbox',
      recordId: auditIdOf(item),
      detail: { reason, to: recipientKey(item.message.to), kind: item.message.kind, ...detail },
    });
    const change: Transition = { status, failures, possibleDuplicates, lastError: reason };
    await this.o.store.transition(item, change);
  }

  /** An unreadable row: audited (what was wrong, not what it held), then parked out of the due index. */
  private async setAside(row: UnreadableRow): Promise<boolean> {
    this.log(`outbox: ${row.id} is unreadable (${row.reason}); parked`);
    await this.o.audit.append({
      actorId: 'system:outbox',
      action: 'outbox.parked',
      recordType: 'outbox',
      recordId: row.id.slice(0, 200),
      detail: { reason: 'unreadable', problem: row.reason },
    });
    return this.o.store.setAside(row, 'parked', `unreadable: ${row.reason}`);
  }
}
