/** What the sender does after a failed attempt. */
export type Verdict =
  | { kind: 'retry'; afterMs: number; countsTowardsParking: boolean }
  | { kind: 'undeliverable' } // 403/404: the person blocked or removed the app, or the conversation is gone
  | { kind: 'park' }; // needs a person: attempts used up, or a request the connector will never accept

export interface RetryPolicyOptions {
  /** Failed attempts (not counting 429s) before a message is parked. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
}

// The first retries come quickly (1, 2, 4 s...), so a fan-out's tail ends soon after its bulk; ten failures
// span about 4-8 minutes before a message is parked.
export const defaultRetryPolicy: RetryPolicyOptions = { maxAttempts: 10, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000 };

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
    const afterMs = parseRetryAfter(failure.retryAfter, now) ?? backoffMs(failures + 1, options);
    return { kind: 'retry', afterMs, countsTowardsParking: false };
  }
  if (status === 403 || status === 404) return { kind: 'undeliverable' };
  if (status !== undefined && !RETRYABLE.has(status)) return { kind: 'park' }; // e.g. 400, 413: resending will not help
  if (failures >= options.maxAttempts) return { kind: 'park' };
  return { kind: 'retry', afterMs: backoffMs(failures, options), countsTowardsParking: true };
}
