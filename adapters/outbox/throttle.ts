/** A limit: at most `count` sends in any `perMs` window. */
export interface Limit {
  count: number;
  perMs: number;
}

/** Teams' documented limits per conversation for a bot (7/s, 8 per 2 s, 60 per 30 s, 1,800 per hour). */
export const teamsPerConversation: readonly Limit[] = [
  { count: 7, perMs: 1_000 },
  { count: 8, perMs: 2_000 },
  { count: 60, perMs: 30_000 },
  { count: 1_800, perMs: 3_600_000 },
];
/** And per app, per tenant. */
export const teamsPerApp: readonly Limit[] = [{ count: 50, perMs: 1_000 }];

export interface ThrottleOptions {
  perConversation?: readonly Limit[];
  perApp?: readonly Limit[];
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Added to every window: our clock and Teams' differ by a network hop. */
  marginMs?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sliding-window rate limiter for one sender process: waits until a send to this conversation fits
 * every per-conversation and per-app limit, then books it. (One process: drains on other instances
 * are paced by the connector's 429s, which the outbox honours.)
 */
export class Throttle {
  private readonly sends = new Map<string, number[]>();
  private readonly appSends: number[] = [];
  private readonly perConversation: readonly Limit[];
  private readonly perApp: readonly Limit[];
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: ThrottleOptions = {}) {
    const margin = options.marginMs ?? 50;
    const widen = (limits: readonly Limit[]) => limits.map((l) => ({ count: l.count, perMs: l.perMs + margin }));
    this.perConversation = widen(options.perConversation ?? teamsPerConversation);
    this.perApp = widen(options.perApp ?? teamsPerApp);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  /** Milliseconds until a send would fit, given the sends already booked (sorted, oldest first). */
  private static waitFor(history: number[], limits: readonly Limit[], now: number): number {
    let wait = 0;
    for (const { count, perMs } of limits) {
      const inWindow = history.filter((t) => t > now - perMs);
      if (inWindow.length >= count) wait = Math.max(wait, inWindow[inWindow.length - count]! + perMs - now);
    }
    return wait;
  }

  /** How long a send to this conversation would wait now (without booking it). */
  delayFor(conversation: string): number {
    const now = this.now();
    return Math.max(
      Throttle.waitFor(this.sends.get(conversation) ?? [], this.perConversation, now),
      Throttle.waitFor(this.appSends, this.perApp, now),
    );
  }

  /** Waits until a send to this conversation fits every limit, then books it. */
  async acquire(conversation: string): Promise<void> {
    const longest = Math.max(...this.perConversation.map((l) => l.perMs), ...this.perApp.map((l) => l.perMs));
    for (;;) {
      const now = this.now();
      const history = (this.sends.get(conversation) ?? []).filter((t) => t > now - longest);
      while (this.appSends.length && this.appSends[0]! <= now - longest) this.appSends.shift();
      this.sends.set(conversation, history);
      const wait = this.delayFor(conversation);
      if (wait <= 0) {
        history.push(now);
        this.sends.set(conversation, history);
        this.appSends.push(now);
        return;
      }
      await this.sleep(wait);
    }
  }
}
