/** What the sender does after a failed attempt. */
export type Verdict =
  | { kind: 'retry'; afterMs: number; countsTowardsParking: boolean }
  | { kind: 'undeliverable' } // 403/404: the person blocked or removed the app, or the conversation is gone
  | { kind: 'park' }; // needs a person: attempts used up, or a request the connector will never accept

export interface RetryPolicyOptions {
  /** Failed attempts (not counting 429s) before a message is parked. */
  maxAttempts: number;
  /** The first wait after a 5xx or a network failure (its ceiling; each wait is between half and all of it). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** The first wait after a 429 that gave no Retry-After (default: baseDelayMs). */
  throttledBaseDelayMs?: number;
  random?: () => number;
}

// A 5xx is mostly one request's bad luck: the first retry comes after 125-250 ms (then 0.25-0.5 s, 0.5-1 s...),
// so a fan-out's last messages are not left waiting a second or more each; twelve failures still span about
// 4-8 minutes before a message is parked (as ten did from 1 s). A 429 without Retry-After (Teams pacing us,
// not saying how long) backs off from 1 s as before.
export const defaultRetryPolicy: RetryPolicyOptions = { maxAttempts: 12, baseDelayMs: 250, maxDelayMs: 15 * 60_000, throttledBaseDelayMs: 1_000 };

const RETRYABLE = new Set([401, 408, 412, 500, 502, 503, 504]);
const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000;

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date; undefined when missing or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now.getTime()), MAX_RETRY_AFTER_MS);
}

/** Exponential backoff with jitter: between half and all of base * 2^(n-1), capped. */
export function backoffMs(failures: number, options: RetryPolicyOptions): number {
  const random = options.random ?? Math.random;
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Decides what happens after an attempt failed with an HTTP status (undefined: a network error or
 * timeout). `failures` is how many counted failures the message has had, including this one.
 */
export function judgeFailure(
  failure: { status?: number; retryAfter?: string | null },
  failures: number,
  now: Date,
  options: RetryPolicyOptions = defaultRetryPolicy,
): Verdict {
  const { status } = failure;
  if (status === 429) {
    // The connector pacing us: honour its wait; never park for it (it is not the message's fault).
    const afterMs = parseRetryAfter(failure.retryAfter, now) ?? backoffMs(failures + 1, { ...options, baseDelayMs: options.throttledBaseDelayMs ?? options.baseDelayMs });
    return { kind: 'retry', afterMs, countsTowardsParking: false };
  }
  if (status === 403 || status === 404) return { kind: 'undeliverable' };
  if (status !== undefined && !RETRYABLE.has(status)) return { kind: 'park' }; // e.g. 400, 413: resending will not help
  if (failures >= options.maxAttempts) return { kind: 'park' };
  return { kind: 'retry', afterMs: backoffMs(failures, options), countsTowardsParking: true };
}
