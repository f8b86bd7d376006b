import { createHash } from 'node:crypto';
import { recipientKey, type AuditLog, type Clock, type ConversationRecord, type ConversationStore } from '../../core';
import type { ChannelPostFinding } from '../../core/safety';
import { UnreadableOutboxRow, type OutboxItem, type TableOutboxStore, type Transition, type UnreadableRow } from '../tables/outbox-store';
import { ConnectorError, type ConnectorClient } from './connector-client';
import { defaultRetryPolicy, judgeFailure, type RetryPolicyOptions } from './retry-policy';
import { BudgetUnavailable, type AppBudget, type BudgetSlot } from './app-budget';
import { Throttle } from './throttle';

export interface OutboxSenderOptions {
  store: Pick<TableOutboxStore, 'listDue' | 'getById' | 'get' | 'transition' | 'dropDue' | 'setAside'> & Partial<Pick<TableOutboxStore, 'nextDueAt'>>;
  conversations: Pick<ConversationStore, 'get'>;
  audit: Pick<AuditLog, 'append'>;
  connector: ConnectorClient;
  clock: Clock;
  throttle?: Throttle;
  /**
   * The app's budget of connector calls, shared by every instance (a TableLeaseLedger behind it). Without it,
   * the throttle's own per-app window paces this process alone.
   */
  budget?: AppBudget;
  policy?: RetryPolicyOptions;
  /** How long a claim holds a message; must exceed a connector call's timeout. After it, a crashed claim is retried. */
  leaseMs?: number;
  /**
   * Messages in flight at once, fixed. Unset: adapts to the connector's latency (enough to keep the budget
   * busy, up to `maxConcurrency`). Each conversation's own messages go one by one, in order.
   */
  concurrency?: number;
  maxConcurrency?: number;
  /** Due items read per fetch. */
  batchSize?: number;
  /** Keep draining for retries that fall due within this long (0: stop when nothing is due now). */
  waitForRetriesMs?: number;
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
/** Company Communicator's figure: about 30 sends in parallel. */
export const MAX_IN_FLIGHT = 30;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** The audit record id: the dedupe key when it fits, else a digest of it. */
const auditIdOf = (item: OutboxItem): string =>
  item.message.dedupeKey.length <= 200 ? item.message.dedupeKey : `sha256:${createHash('sha256').update(item.message.dedupeKey).digest('hex')}`;

/** One drain's working state: what it has read and not yet finished, per conversation. */
interface DrainState {
  report: DrainReport;
  deadline: number;
  queues: Map<string, OutboxItem[]>;
  /** Ids read and not yet finished in this drain (queued or in flight). */
  known: Set<string>;
  /** Conversations with a message in flight. */
  busy: Set<string>;
  /**
   * A conversation whose message failed waits until that message is due again. The message stays at the
   * front of its queue (as the store gave it back, ETag and all), so it is claimed as soon as it is due,
   * without reading it again.
   */
  heldUntil: Map<string, number>;
  /** Held conversations whose message is not kept here: they wait until a fetch since it fell due has read it back. */
  readBack: Set<string>;
  lastFetchAt: number;
  budgetDown: boolean;
  /** Each queued conversation's stored reference, read with its messages (off the send path). */
  conversationReads: Map<string, Promise<ConversationRecord | undefined>>;
}

/**
 * Sends what is due in the outbox, each logical message once. A message is claimed (ETag) before it is
 * sent and recorded sent straight after the connector accepts it; every failure is recorded with its
 * next attempt, so a crash at any point leaves it to be picked up again, never dropped. Sends flow
 * continuously: a failed message goes back to the outbox with its not-before time while the others go on.
 */
export class OutboxSender {
  private readonly throttle: Throttle;
  private readonly policy: RetryPolicyOptions;
  private readonly leaseMs: number;
  private readonly log: (message: string) => void;
  /** Aborted on shutdown (functions/shutdown.ts): nothing new is claimed; what is in flight finishes. */
  readonly shutdown = new AbortController();
  private readonly running = new Set<Promise<DrainReport>>();
  /** Seconds a message takes, budget wait excluded (claim, call, record): what concurrency adapts to. */
  private secondsPerMessage = 0.2;
  private recent429: number[] = [];
  private recentCalls: number[] = [];

  constructor(private readonly o: OutboxSenderOptions) {
    this.throttle = o.throttle ?? new Throttle(o.budget ? { perApp: [] } : {});
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

  /** The app budget this sender books its calls in, if any (for the bench's figures). */
  get budget(): AppBudget | undefined {
    return this.o.budget;
  }

  /** Messages to keep in flight: enough to fill the budget at the latency measured, within bounds. */
  get inFlightTarget(): number {
    if (this.o.concurrency) return this.o.concurrency;
    const rate = this.o.budget ? this.o.budget.share || this.o.budget.perSecond : 48;
    return Math.max(4, Math.min(this.o.maxConcurrency ?? MAX_IN_FLIGHT, Math.ceil(rate * this.secondsPerMessage * 1.25) + 2));
  }

  private async drainOnce(budgetMs: number): Promise<DrainReport> {
    const s: DrainState = {
      report: { sent: 0, updated: 0, retrying: 0, failed: 0, parked: 0, skipped: 0 },
      deadline: Date.now() + budgetMs,
      queues: new Map(),
      known: new Set(),
      busy: new Set(),
      heldUntil: new Map(),
      readBack: new Set(),
      lastFetchAt: 0,
      budgetDown: false,
      conversationReads: new Map(),
    };
    const batchSize = this.o.batchSize ?? 200;
    const follow = this.o.waitForRetriesMs ?? 0;
    const workers = new Set<Promise<void>>();
    let dry = false; // the last fetch found nothing new
    let fetchedAt = 0;
    let fetches = 0;
    let failure: unknown;
    // The next page is read while the sends go on: a fetch (an index query and a read per message) can take a
    // second on a busy storage account, and waiting for it would leave the budget idle.
    let fetching: Promise<void> | undefined;
    const queued = () => [...s.queues.values()].reduce((n, q) => n + q.length, 0);
    while (!this.stopping && !s.budgetDown && Date.now() < s.deadline && failure === undefined) {
      const now = Date.now();
      const clockNow = this.o.clock.now().getTime();
      const heldReleased = [...s.readBack].some((key) => (s.heldUntil.get(key) ?? Infinity) <= clockNow && s.lastFetchAt < s.heldUntil.get(key)!);
      const fetchWanted = queued() < Math.max(batchSize / 2, this.inFlightTarget * 2) || heldReleased;
      if (fetchWanted && !fetching && (now - fetchedAt >= 100 || !dry)) {
        fetchedAt = now;
        s.lastFetchAt = clockNow;
        // The drain's first pages are small and grow (twice the messages in flight, then four times...), so the
        // sends start after a few reads rather than a page's worth, and each next page is read while they go on.
        const page = Math.min(batchSize, this.inFlightTarget * 2 ** Math.min(++fetches, 8));
        fetching = this.fetch(s, queued() + page)
          .then(
            (found) => void (dry = found === 0),
            (err: unknown) => void (failure = err),
          )
          .finally(() => (fetching = undefined));
      }
      while (workers.size < this.inFlightTarget) {
        const conversation = this.startable(s);
        if (conversation === undefined) break;
        s.busy.add(conversation);
        const w = this.sendQueue(conversation, s)
          .catch((err: unknown) => {
            // Storage trouble mid-queue: whatever was claimed is retried when its lease ends.
            this.log(`outbox: conversation ${conversation} stopped: ${(err as Error).message}`);
            for (const item of s.queues.get(conversation) ?? []) s.known.delete(item.id);
            s.queues.delete(conversation);
          })
          .finally(() => {
            s.busy.delete(conversation);
            workers.delete(w);
          });
        workers.add(w);
      }
      if (workers.size === 0 && dry && !fetching && !this.startable(s)) {
        // Nothing to send now: stop, unless asked to wait for retries falling due soon (the tail).
        if (!follow) break;
        // A held conversation whose message is due again needs a fetch first.
        const t = this.o.clock.now().getTime();
        if ([...s.readBack].some((key) => (s.heldUntil.get(key) ?? Infinity) <= t && s.lastFetchAt < s.heldUntil.get(key)!)) {
          dry = false;
          continue;
        }
        const held = [...s.heldUntil.values()].filter((h) => h > t);
        const nextDue = follow ? await this.nextDue() : undefined;
        const next = Math.min(...held, nextDue ?? Infinity);
        if (next > Math.min(t + follow, s.deadline)) break;
        await pause(Math.min(Math.max(next - t, 20), 1_000));
        dry = false;
        continue;
      }
      await Promise.race([pause(20), ...workers, ...(fetching ? [fetching] : [])]);
    }
    await Promise.all([...workers, fetching]);
    await this.o.budget?.release(); // another instance may use this one's share
    if (failure !== undefined) throw failure;
    return s.report;
  }

  private async nextDue(): Promise<number | undefined> {
    try {
      return (await this.o.store.nextDueAt?.())?.getTime();
    } catch (err) {
      this.log(`outbox: could not read when the next message is due: ${(err as Error).message}`);
      return undefined;
    }
  }

  /**
   * The conversation to start next, undefined when none can start: first a retry that is due (the earliest),
   * so the faults' retries are done within the bulk instead of forming a tail after it; then fresh work, the
   * conversation with the most messages waiting first, then in the order it was read. A conversation with a
   * message in flight, or held until its retry is due, waits.
   */
  private startable(s: DrainState): string | undefined {
    const now = this.o.clock.now().getTime();
    for (;;) {
      let retry: string | undefined;
      let retryAt = Infinity;
      for (const [key, at] of s.heldUntil) {
        if (at > now || at >= retryAt || s.busy.has(key)) continue;
        if (s.readBack.has(key) && s.lastFetchAt < at) continue; // not read back yet (order kept)
        retry = key;
        retryAt = at;
      }
      if (retry === undefined) break;
      s.heldUntil.delete(retry);
      s.readBack.delete(retry);
      if (s.queues.get(retry)?.length) return retry;
      s.queues.delete(retry); // taken by another drain meanwhile
    }
    // Fresh work: the conversation with the most messages waiting first (ties in the order read). A conversation's
    // messages go one at a time, each after the one before, so one with several (a channel's posts) is the longest
    // chain: started after the single messages read before it, it trails behind the fan-out (a 429 among its
    // posts holds the rest a second more); started first, it ends within it.
    let longest: string | undefined;
    let most = 0;
    for (const [key, queue] of s.queues) {
      if (s.busy.has(key) || s.heldUntil.has(key)) continue;
      if (!queue.length) {
        s.queues.delete(key); // finished: keep the scan short
        s.conversationReads.delete(key);
        continue;
      }
      if (queue.length > most) {
        longest = key;
        most = queue.length;
      }
    }
    return longest;
  }

  /** Reads due items not yet known to this drain into their conversations' queues; answers how many. */
  private async fetch(s: DrainState, limit: number): Promise<number> {
    const ids = (await this.o.store.listDue(this.o.clock.now(), limit)).filter((id) => !s.known.has(id));
    const now = this.o.clock.now().toISOString();
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
          if (await this.setAside(err.row)) s.report.parked++;
          continue;
        }
        const live = item && (item.status === 'pending' || (item.status === 'sending' && (item.leaseUntil ?? '') <= now));
        if (live && item) {
          items.push(item);
          // Its conversation's reference is read here, in the background, not between claim and call.
          const key = recipientKey(item.message.to);
          if (!s.conversationReads.has(key)) {
            const read = this.o.conversations.get(key);
            s.conversationReads.set(key, read);
            await read.catch(() => undefined); // a failed read is tried again when the conversation's turn comes
          }
        }
        else if (!item || item.status === 'sent' || item.status === 'failed' || item.status === 'parked') await this.o.store.dropDue(id);
      }
    };
    await Promise.all(Array.from({ length: 8 }, reader));
    // One queue per conversation, oldest first: order kept within a conversation, conversations in parallel.
    const touched = new Set<string>();
    for (const item of items) {
      if (s.known.has(item.id)) continue;
      s.known.add(item.id);
      const key = recipientKey(item.message.to);
      const queue = s.queues.get(key) ?? [];
      queue.push(item);
      s.queues.set(key, queue);
      touched.add(key);
    }
    for (const key of touched) s.queues.get(key)!.sort((a, b) => (a.enqueuedAt < b.enqueuedAt ? -1 : 1));
    return items.length;
  }

  /** Sends one conversation's queued messages in order, until one fails (then it waits its turn again). */
  private async sendQueue(key: string, s: DrainState): Promise<void> {
    const conversation = await (s.conversationReads.get(key) ?? Promise.reject(new Error('not read'))).catch(() => this.o.conversations.get(key));
    const queue = s.queues.get(key) ?? [];
    while (queue.length) {
      if (Date.now() >= s.deadline || this.stopping || s.budgetDown) return; // shutting down: claim nothing more
      const item = queue.shift()!;
      const began = Date.now();
      const { outcome, waitedMs, retryAt, retry } = await this.sendOne(item, conversation, s);
      if (outcome !== 'skipped' && outcome !== 'failed') {
        const seconds = Math.max(0, Date.now() - began - waitedMs) / 1000;
        this.secondsPerMessage = 0.9 * this.secondsPerMessage + 0.1 * seconds;
      }
      s.report[outcome === 'throttled' ? 'retrying' : outcome]++;
      if (retryAt !== undefined) {
        // This message went back to the outbox with its not-before time; the conversation waits for it. It is
        // kept at the front of the queue, to be claimed (under the ETag just written) as soon as it is due.
        s.heldUntil.set(key, retryAt);
        if (retry) queue.unshift(retry);
        else {
          s.known.delete(item.id);
          s.readBack.add(key);
        }
        return;
      }
      s.known.delete(item.id);
    }
  }

  /** A burst of 429s on most calls is Teams throttling the whole app: every host waits as asked. */
  private async notice429(retryAfterMs: number | undefined): Promise<void> {
    const now = Date.now();
    this.recent429 = [...this.recent429.filter((t) => t > now - 2_000), now];
    const calls = this.recentCalls.filter((t) => t > now - 2_000).length;
    if (this.o.budget && this.recent429.length >= 10 && this.recent429.length >= calls / 2) {
      const until = now + (retryAfterMs ?? 1_000);
      this.log(`outbox: ${this.recent429.length} of the last ${calls} calls were throttled: the whole app waits until ${new Date(until).toISOString()}`);
      this.recent429 = [];
      await this.o.budget.holdUntil(until).catch((err: unknown) => this.log(`outbox: could not hold the budget: ${(err as Error).message}`));
    }
  }

  private async sendOne(
    item: OutboxItem,
    conversation: ConversationRecord | undefined,
    s: DrainState,
  ): Promise<{ outcome: Outcome; waitedMs: number; retryAt?: number; retry?: OutboxItem }> {
    const key = recipientKey(item.message.to);
    // A long wait (the 30 s or hourly window is full) is left to a later drain rather than held under a lease.
    if (conversation && this.throttle.delayFor(key) > MAX_THROTTLE_WAIT_MS) return { outcome: 'skipped', waitedMs: 0 };
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
    if (!claimed) return { outcome: 'skipped', waitedMs: 0 };

    if (!conversation) {
      await this.finish(claimed, 'failed', 'outbox.undeliverable', 'no_conversation', {});
      return { outcome: 'failed', waitedMs: 0 };
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
        return { outcome: 'failed', waitedMs: 0 };
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
        const retryAt = now.getTime() + WAIT_FOR_EARLIER_MS;
        const retry = await this.o.store.transition(claimed, { status: 'pending', dueAt: new Date(retryAt).toISOString() });
        return { outcome: 'retrying', waitedMs: 0, retryAt, ...(retry ? { retry } : {}) };
      }
      if (replacing?.status !== 'sent' || !replacing.activityId || replacing.conversationId !== target.conversationId) replacing = undefined;
    }

    const waitFrom = Date.now();
    let slot: BudgetSlot | undefined;
    if (this.o.budget) {
      try {
        await pause(this.throttle.delayFor(key)); // this conversation's own limits first, then the app's slot
        // The conversation's slot is booked before the app's, so nothing waits between the app's slot and the call.
        await this.throttle.acquire(key);
        slot = await this.o.budget.take();
      } catch (err) {
        if (!(err instanceof BudgetUnavailable)) throw err;
        // Fail closed: without the shared budget nothing is sent; the message waits for a later drain.
        s.budgetDown = true;
        this.log(`outbox: ${err.message}; sending stops until it is back`);
        await this.o.store.transition(claimed, { status: 'pending', dueAt: new Date(Date.now() + 10_000).toISOString() });
        return { outcome: 'skipped', waitedMs: Date.now() - waitFrom };
      }
    }
    try {
      if (!this.o.budget) await this.throttle.acquire(key); // booked just before the call, so Teams sees the pace we kept
      const waitedMs = Date.now() - waitFrom;
      this.recentCalls = [...this.recentCalls.filter((t) => t > Date.now() - 2_000), Date.now()];
      // The call is counted in the app's window from when it reaches the socket (or, failing that, is answered).
      const onSent = slot ? () => slot.sent() : undefined;
      const activityId = await (replacing
        ? this.o.connector.update(target, replacing.activityId!, activity, onSent)
        : this.o.connector.send(target, activity, onSent)
      ).finally(onSent);
      await this.recordSent(claimed, {
        status: 'sent',
        activityId: replacing ? replacing.activityId : activityId,
        conversationId: target.conversationId,
        sentAt: this.o.clock.now().toISOString(),
        lastError: '',
      });
      const doubtful = claimed.possibleDuplicates + claimed.uncertainResends;
      if (doubtful) this.log(`outbox: ${claimed.id} sent after ${doubtful} attempt(s) whose outcome was unknown: it may have arrived more than once`);
      return { outcome: replacing ? 'updated' : 'sent', waitedMs };
    } catch (err) {
      if (!(err instanceof ConnectorError)) throw err;
      const after = await this.afterFailure(claimed, err);
      return { ...after, waitedMs: Date.now() - waitFrom };
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

  private async afterFailure(item: OutboxItem, err: ConnectorError): Promise<{ outcome: Outcome; retryAt?: number; retry?: OutboxItem }> {
    const now = this.o.clock.now();
    const failures = err.status === 429 ? item.failures : item.failures + 1;
    const verdict = judgeFailure({ status: err.status, retryAfter: err.retryAfter }, failures, now, this.policy);
    // A timeout or 5xx may come after the connector accepted the message: if it is sent again, it may arrive twice.
    const possibleDuplicates = item.possibleDuplicates + (err.mayHaveArrived ? 1 : 0);
    if (err.mayHaveArrived) this.log(`outbox: ${item.id} ${err.message.slice(0, 80)}: it may have arrived, so a later send may duplicate it (${possibleDuplicates} so far)`);
    const detail = { status: err.status ?? 'network', attempts: item.attempts, ...(possibleDuplicates ? { possibleDuplicates } : {}) };
    if (verdict.kind === 'undeliverable') {
      await this.finish(item, 'failed', 'outbox.undeliverable', 'blocked_or_removed', detail);
      return { outcome: 'failed' };
    }
    if (verdict.kind === 'park') {
      await this.finish(item, 'parked', 'outbox.parked', err.message.slice(0, 300), detail, failures, possibleDuplicates);
      return { outcome: 'parked' };
    }
    const retryAt = now.getTime() + verdict.afterMs;
    const retry = await this.o.store.transition(item, {
      status: 'pending',
      failures,
      possibleDuplicates,
      lastError: err.message.slice(0, 500),
      dueAt: new Date(retryAt).toISOString(),
    });
    if (err.status === 429) await this.notice429(verdict.afterMs);
    return { outcome: err.status === 429 ? 'throttled' : 'retrying', retryAt, ...(retry ? { retry } : {}) };
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
