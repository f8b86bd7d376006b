/**
 * The app's budget of connector calls (Teams allows 50 a second per app per tenant), shared by every sender
 * that drains the outbox. Slots are handed out by a ledger (GCRA: one "theoretical arrival time" moved
 * forward one interval per slot), in small batches; a caller waits for its slot and calls then. A slot
 * missed by more than `lateMs` (a stalled event loop) is dropped, never spent late, so calls cannot bunch.
 */
export interface SlotLedger {
  /**
   * Reserves up to `count` slots `intervalMs` apart, starting no earlier than `earliest()`. Answers the
   * first slot's time, or, when the ledger is booked more than `maxAheadMs` ahead, when to ask again.
   */
  reserve(request: { count: number; intervalMs: number; earliest: () => number; maxAheadMs: number }): Promise<{ start: number; count: number } | { retryAt: number }>;
  /** Pushes the ledger past `until`: nobody gets a slot before it (an app-wide Retry-After). */
  holdUntil?(until: number): Promise<void>;
}

/** The budget store could not be reached for `unavailableAfterMs`: the sender sends nothing (fail closed). */
export class BudgetUnavailable extends Error {}

export interface AppBudgetOptions {
  ledger: SlotLedger;
  /** Calls a second for all hosts together: below Teams' 50 to leave room for clock skew and network jitter. */
  perSecond?: number;
  /** Slots reserved per trip to the ledger (at most). */
  batch?: number;
  /** A slot woken up later than this is dropped. */
  lateMs?: number;
  maxAheadMs?: number;
  unavailableAfterMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

export class AppBudget {
  readonly perSecond: number;
  readonly intervalMs: number;
  /** Slots dropped unused (late, or reserved with no caller left): the budget's waste, for the bench. */
  dropped = 0;
  taken = 0;
  private readonly slots: number[] = [];
  private demand = 0;
  private refilling: Promise<void> | undefined;
  private roundTripMs = 5;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly o: AppBudgetOptions) {
    this.perSecond = o.perSecond ?? 48;
    this.intervalMs = 1000 / this.perSecond;
    this.now = o.now ?? Date.now;
    this.sleep = o.sleep ?? realSleep;
  }

  /** Waits for this caller's slot; resolves when it may make one connector call. Throws BudgetUnavailable. */
  async take(): Promise<void> {
    const lateMs = this.o.lateMs ?? 15;
    for (;;) {
      const slot = await this.nextSlot(lateMs);
      const wait = slot - this.now();
      if (wait > 0) await this.sleep(wait);
      if (this.now() - slot <= lateMs) {
        this.taken++;
        return;
      }
      this.dropped++;
    }
  }

  /** Nobody, on any host, calls before `until` (Teams throttling the whole app). */
  async holdUntil(until: number): Promise<void> {
    this.dropped += this.slots.splice(0).length;
    await this.o.ledger.holdUntil?.(until);
  }

  private async nextSlot(lateMs: number): Promise<number> {
    this.demand++;
    try {
      for (;;) {
        const t = this.now();
        while (this.slots.length && this.slots[0]! < t - lateMs) {
          this.slots.shift();
          this.dropped++;
        }
        if (this.slots.length) return this.slots.shift()!;
        this.refilling ??= this.refill().finally(() => (this.refilling = undefined));
        await this.refilling;
      }
    } finally {
      this.demand--;
    }
  }

  private async refill(): Promise<void> {
    const giveUpAt = this.now() + (this.o.unavailableAfterMs ?? 5_000);
    let backoff = 100;
    for (;;) {
      const began = this.now();
      try {
        const count = Math.max(1, Math.min(this.demand, this.o.batch ?? 8));
        // Slots start after the round trip that books them, so the first one is not already late.
        const lead = Math.ceil(this.roundTripMs * 1.5) + 2;
        const answer = await this.o.ledger.reserve({ count, intervalMs: this.intervalMs, earliest: () => this.now() + lead, maxAheadMs: this.o.maxAheadMs ?? 1_000 });
        this.roundTripMs = 0.8 * this.roundTripMs + 0.2 * (this.now() - began);
        if ('start' in answer) {
          for (let i = 0; i < answer.count; i++) this.slots.push(answer.start + i * this.intervalMs);
          return;
        }
        await this.sleep(answer.retryAt - this.now());
      } catch (err) {
        if (this.now() >= giveUpAt) throw new BudgetUnavailable(`the sending budget could not be reached: ${(err as Error).message}`);
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, 1_000);
      }
    }
  }
}

/** One process's ledger (tests, or a single instance): the same pacing, in memory. */
export class MemorySlotLedger implements SlotLedger {
  private tat = 0;

  reserve(request: Parameters<SlotLedger['reserve']>[0]): Promise<{ start: number; count: number } | { retryAt: number }> {
    const earliest = request.earliest();
    const start = Math.max(this.tat, earliest);
    if (start - earliest > request.maxAheadMs) return Promise.resolve({ retryAt: start - request.maxAheadMs });
    this.tat = start + request.count * request.intervalMs;
    return Promise.resolve({ start, count: request.count });
  }

  holdUntil(until: number): Promise<void> {
    this.tat = Math.max(this.tat, until);
    return Promise.resolve();
  }
}
