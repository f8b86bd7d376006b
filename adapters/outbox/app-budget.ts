/**
 * The app's budget of connector calls (Teams allows 50 a second per app per tenant), shared by every sender
 * instance. Each instance holds a lease on a share of the budget (calls in any 1 s) in a ledger every
 * instance reads; the shares never add up to more than the total, and a share given up (or a lease that ran
 * out) is handed to another instance only a second later, when its last calls have left the window. Within
 * its share an instance keeps a sliding window over the calls it actually made: a stalled process sends
 * later, never in a burst over its share.
 */

export interface LeaseEntry {
  share: number;
  until: number;
  /** A larger share given up: still counted until `wasUntil`, so nobody else uses it inside the same second. */
  was?: number;
  wasUntil?: number;
  /**
   * What of `was` is still in use, when the instance said (at its renewal or release): when each call it had made
   * leaves the window (`left`), and how many more it may still make at the larger share before it hears the
   * answer (`more`: taken and not yet at the socket, and what it may take meanwhile), counted until `wasUntil`.
   * Then `was` counts only as those calls (at most `was`); without them, whole.
   */
  left?: number[];
  more?: number;
  /** The fair share when it was granted (the total over the instances holding leases). */
  fair?: number;
}

/** The ledger's content: every instance's lease, and an app-wide pause (Teams throttling the whole app). */
export interface LedgerState {
  hosts: Record<string, LeaseEntry>;
  holdUntil?: number;
}

export interface LeaseTerms {
  total: number;
  leaseMs: number;
  /** A share stays counted this long after its lease ends or shrinks (one window). */
  graceMs: number;
  /**
   * How long an instance may go on using its share while its renewal is unanswered: a share that shrinks stays
   * counted this much longer, so calls made in that time have left the window before anyone else uses it.
   */
  renewalMs?: number;
}

/**
 * What an instance reports of its own calls when it renews or releases: when each call it made leaves the window
 * (its time plus the window), and how many more it may make before it hears the answer.
 */
export interface LeaseUsage {
  left: number[];
  more: number;
}

/** The part of a former (larger) share still to be counted at `now`: the calls it may still have in the window. */
function formerInUse(e: LeaseEntry, now: number): number {
  if ((e.wasUntil ?? 0) < now) return 0;
  if (e.left === undefined || e.more === undefined) return e.was ?? 0;
  return Math.min(e.was ?? 0, e.more + e.left.filter((t) => t > now).length);
}

/**
 * The rule every ledger applies: a fair share of what the others do not hold, for `leaseMs`. Pure. With `usage`
 * (the instance's own calls), a share given up stays counted only as the calls made on it that are still in
 * the window, and those it may still make, instead of whole for a window.
 */
export function allot(state: LedgerState, host: string, now: number, terms: LeaseTerms, release = false, usage?: LeaseUsage): { state: LedgerState; lease: LeaseEntry } {
  const hosts: Record<string, LeaseEntry> = {};
  for (const [id, e] of Object.entries(state.hosts)) {
    if (Math.max(e.until, e.wasUntil ?? 0) + terms.graceMs >= now) hosts[id] = e;
  }
  const counted = (e: LeaseEntry) => Math.max(e.until + terms.graceMs >= now ? e.share : 0, formerInUse(e, now));
  const others = Object.entries(hosts).filter(([id]) => id !== host);
  const active = others.filter(([, e]) => e.until >= now).length + 1;
  const held = others.reduce((n, [, e]) => n + counted(e), 0);
  const mine = hosts[host];
  const paused = (state.holdUntil ?? 0) > now;
  const share = release || paused ? 0 : Math.max(0, Math.min(Math.floor(terms.total / active), terms.total - held));
  const live = mine && mine.until + terms.graceMs >= now ? mine.share : 0;
  const lease: LeaseEntry = { share, until: release ? now : now + terms.leaseMs, fair: Math.floor(terms.total / active) };
  const wasUntil = now + terms.graceMs + (release ? 0 : (terms.renewalMs ?? 0));
  if (usage) {
    // The instance says what it has used: its calls (each counted until it leaves the window) and what it may still
    // make before it hears this answer (until `wasUntil` at the latest). Its windows can hold no more than that, and
    // no more than the largest share it held; so that, not the whole former share, is what stays counted.
    const former = Math.max(live, mine?.was !== undefined && (mine.wasUntil ?? 0) >= now ? mine.was : 0);
    if (share < former) Object.assign(lease, { was: former, wasUntil, left: usage.left.filter((t) => t > now).sort((x, y) => x - y), more: usage.more });
  }
  // A share that shrinks now stays counted for one window from now; one that shrank before keeps its own end.
  // (Restarting that window at every renewal would hold the larger share for as long as renewals come within
  // a window of each other, which they do: instances that joined would never get theirs.)
  else if (share < live) Object.assign(lease, { was: counted(mine!), wasUntil });
  else if (mine?.was !== undefined && (mine.wasUntil ?? 0) >= now && mine.was > share) Object.assign(lease, { was: mine.was, wasUntil: mine.wasUntil });
  hosts[host] = lease;
  return { state: { hosts, ...(state.holdUntil && state.holdUntil > now ? { holdUntil: state.holdUntil } : {}) }, lease };
}

/** Where the leases are kept: read, apply `change`, write back only if nobody wrote in between. */
export interface LeaseLedger {
  update(change: (state: LedgerState) => { state: LedgerState; lease?: LeaseEntry }): Promise<LeaseEntry | undefined>;
}

/** One process's ledger (tests, or a single instance). */
export class MemoryLeaseLedger implements LeaseLedger {
  private state: LedgerState = { hosts: {} };

  update(change: (state: LedgerState) => { state: LedgerState; lease?: LeaseEntry }): Promise<LeaseEntry | undefined> {
    const next = change(this.state);
    this.state = next.state;
    return Promise.resolve(next.lease);
  }
}

/** The budget store could not be reached: the sender sends nothing (fail closed). */
export class BudgetUnavailable extends Error {}

export interface AppBudgetOptions {
  ledger: LeaseLedger;
  /** This instance's name in the ledger. */
  hostId?: string;
  /** Calls a second for all instances together: below Teams' 50, for clock skew and network jitter. */
  perSecond?: number;
  leaseMs?: number;
  /**
   * Added to the 1 s window (default 50 ms): our clock and Teams' differ by a network hop. A call is counted
   * from when it reached the socket (`BudgetSlot.sent`), not from when it took its turn, so a call that leaves
   * late (the event loop busy with other sends) can never land bunched with later ones; until then it counts
   * as in the window.
   */
  marginMs?: number;
  /** With no lease for this long (the store unreachable), `take` throws BudgetUnavailable. */
  unavailableAfterMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

// 50 ms, not 30: with 30 a quiet full bench (5 December 03:14) saw 52 calls arrive at the connector in one second.
const DEFAULT_MARGIN_MS = 50;
/** Sends go on for at most this long while a renewal is unanswered (a ledger round trip, contended or slow). */
const RENEWAL_MS = 250;

/**
 * One call's place in the budget. From `take` until `sent` it counts as made now; `sent` (the request reached
 * the socket, or was answered) counts it from that moment for one window. Calling `sent` again does nothing.
 */
export interface BudgetSlot {
  sent(): void;
}
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

export class AppBudget {
  readonly perSecond: number;
  taken = 0;
  /** The share this instance holds now (calls in any 1 s). */
  share = 0;
  private fair = 0;
  private until = 0;
  private renewing: Promise<void> | undefined;
  private renewedAt = 0;
  private renewalStartedAt = 0;
  /** Turns taken while the renewal under way is unanswered; at most `renewalCap` (what the ledger was told). */
  private takenInRenewal = 0;
  private renewalCap = 0;
  /** When this instance's calls reached the socket, oldest first. */
  private readonly calls: number[] = [];
  /** Calls that have taken their turn and not yet reached the socket: in the window until they do. */
  private pending = 0;
  private wake: (() => void) | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly hostId: string;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly terms: LeaseTerms;

  constructor(private readonly o: AppBudgetOptions) {
    this.perSecond = o.perSecond ?? 48;
    this.hostId = o.hostId ?? `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
    this.now = o.now ?? Date.now;
    this.sleep = o.sleep ?? realSleep;
    this.terms = { total: this.perSecond, leaseMs: o.leaseMs ?? 3_000, graceMs: 1_000 + (o.marginMs ?? DEFAULT_MARGIN_MS), renewalMs: RENEWAL_MS };
  }

  /**
   * Waits until one more call fits this instance's share; callers go one at a time, in order. Call the slot's
   * `sent` when the request reaches the socket (and again, harmlessly, when it is answered).
   */
  take(): Promise<BudgetSlot> {
    const turn = this.queue.then(() => this.takeNow());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private slot(): BudgetSlot {
    let done = false;
    return {
      sent: () => {
        if (done) return;
        done = true;
        this.pending--;
        this.calls.push(this.now());
        this.wake?.();
      },
    };
  }

  private async takeNow(): Promise<BudgetSlot> {
    const windowMs = 1_000 + (this.o.marginMs ?? DEFAULT_MARGIN_MS);
    let lastLease = this.now();
    for (;;) {
      const now = this.now();
      // Renew a third of the way through the lease; every 250 ms while holding less than a fair share, or more
      // than half the budget (alone so far: an instance that joins waits until this one has given its part up).
      const often = this.share < this.fair || this.share === 0 || this.share > this.perSecond / 2;
      const due = this.until - now < (this.o.leaseMs ?? 3_000) * (2 / 3) || (often && now - this.renewedAt > 250);
      if (due) void this.renew().catch(() => undefined);
      // Renewed in the background while the lease holds: the ledger's round trip (longer when instances write at
      // once) does not stop the sends every second. Past RENEWAL_MS, or once the turns the ledger was told this
      // instance might still take are taken, the answer is waited for.
      const renewing = this.renewing;
      if (renewing && (!(this.until > now && this.share > 0) || now - this.renewalStartedAt >= RENEWAL_MS || this.takenInRenewal >= this.renewalCap)) {
        await renewing.catch(() => undefined);
      }
      const t = this.now();
      if (this.until > t && this.share > 0) lastLease = t;
      else if (t - lastLease > (this.o.unavailableAfterMs ?? 10_000)) throw new BudgetUnavailable('no share of the sending budget (its store cannot be reached, or Teams paused the app)');
      while (this.calls.length && this.calls[0]! <= t - windowMs) this.calls.shift();
      if (this.until > t && this.calls.length + this.pending < this.share && !(this.renewing && this.takenInRenewal >= this.renewalCap)) {
        this.pending++;
        this.taken++;
        if (this.renewing) this.takenInRenewal++;
        return this.slot();
      }
      // The oldest call that must leave the window first; if the calls not yet sent fill the share, wait for one.
      const oldest = this.calls.length + this.pending - this.share;
      const wait = this.until > t && this.share > 0 && oldest >= 0 && oldest < this.calls.length ? this.calls[oldest]! + windowMs - t : 250;
      await Promise.race([this.sleep(Math.max(1, Math.min(wait, 250))), new Promise<void>((resolve) => (this.wake = resolve))]);
      this.wake = undefined;
    }
  }

  /**
   * What this instance tells the ledger of its own calls: when each leaves the window, and how many more it may make
   * before it hears the answer (those taken and not yet at the socket, and the turns it may still take meanwhile).
   */
  private usage(now: number, release: boolean): LeaseUsage {
    const windowMs = this.terms.graceMs;
    return {
      left: this.calls.filter((at) => at + windowMs > now).map((at) => at + windowMs),
      more: this.pending + (release ? 0 : Math.max(0, this.renewalCap - this.takenInRenewal)),
    };
  }

  private renew(release = false): Promise<void> {
    this.renewing ??= (async () => {
      this.renewalStartedAt = this.now();
      this.takenInRenewal = 0;
      // While the answer is on its way this instance takes at most what its share allows in RENEWAL_MS.
      this.renewalCap = release ? 0 : Math.ceil((this.share * RENEWAL_MS) / this.terms.graceMs);
      try {
        const lease = await this.o.ledger.update((state) => {
          const now = this.now();
          return allot(state, this.hostId, now, this.terms, release, this.usage(now, release));
        });
        if (lease) {
          this.share = lease.share;
          this.fair = lease.fair ?? lease.share;
          this.until = lease.until;
        }
        this.renewedAt = this.now();
      } catch (err) {
        this.renewedAt = this.now();
        throw err;
      } finally {
        this.renewing = undefined;
      }
    })();
    return this.renewing;
  }

  /** Gives this instance's share back (a drain has ended); another instance may use it a second later. */
  async release(): Promise<void> {
    await this.renewing?.catch(() => undefined); // a renewal on its way would otherwise write the share back
    if (this.until <= this.now()) return;
    this.share = 0;
    this.until = 0;
    await this.renew(true).catch(() => undefined);
  }

  /** Nobody, on any instance, calls before `until` (Teams throttling the whole app). */
  async holdUntil(until: number): Promise<void> {
    await this.renewing?.catch(() => undefined);
    this.share = 0;
    await this.o.ledger.update((state) => ({ state: { ...state, holdUntil: Math.max(state.holdUntil ?? 0, until) } }));
  }
}
