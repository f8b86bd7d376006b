import { backoffMs, defaultRetryPolicy, judgeFailure, parseRetryAfter } from './retry-policy';

const now = new Date('2026-11-23T10:00:00.000Z');
const options = { ...defaultRetryPolicy, random: () => 1 };

describe('the outbox retry policy', () => {
  it('waits as long as the connector asks after a 429, in seconds or as a date', () => {
    expect(judgeFailure({ status: 429, retryAfter: '7' }, 1, now)).toEqual({ kind: 'retry', afterMs: 7000, countsTowardsParking: false });
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('yesterday-ish', now)).toBeUndefined();
  });
  it('backs off with jitter when a 429 gives no Retry-After, and never parks for throttling', () => {
    const verdict = judgeFailure({ status: 429 }, 50, now, { ...options, random: () => 0 });
    expect(verdict).toMatchObject({ kind: 'retry', countsTowardsParking: false });
    const waits = new Set(Array.from({ length: 20 }, () => backoffMs(3, defaultRetryPolicy)));
    expect(waits.size).toBeGreaterThan(1); // jitter: retries from many senders do not arrive together
  });
  it('retries server errors and network failures with growing waits', () => {
    const first = judgeFailure({ status: 500 }, 1, now, options);
    const third = judgeFailure({ status: undefined }, 3, now, options);
    expect(first).toEqual({ kind: 'retry', afterMs: 250, countsTowardsParking: true });
    expect(third).toEqual({ kind: 'retry', afterMs: 1000, countsTowardsParking: true });
    for (const status of [412, 502, 503, 504]) expect(judgeFailure({ status }, 1, now).kind).toBe('retry');
  });
  it('tries a message again within a quarter of a second after its first server error, so a fan-out does not end waiting on it', () => {
    const waits = [0, 0.5, 1].map((r) => judgeFailure({ status: 500 }, 1, now, { ...defaultRetryPolicy, random: () => r }));
    expect(waits.map((v) => (v.kind === 'retry' ? v.afterMs : undefined))).toEqual([125, 188, 250]);
  });
  it('still retries a failing message for minutes before it is parked, and waits a second on a 429 that says nothing', () => {
    const atLeast = { ...defaultRetryPolicy, random: () => 0 };
    let spentMs = 0;
    for (let failures = 1; ; failures++) {
      const verdict = judgeFailure({ status: 503 }, failures, now, atLeast);
      if (verdict.kind !== 'retry') break;
      spentMs += verdict.afterMs;
    }
    expect(spentMs).toBeGreaterThanOrEqual(4 * 60_000); // an outage of a few minutes parks nothing
    expect(judgeFailure({ status: 429 }, 0, now, options)).toEqual({ kind: 'retry', afterMs: 1000, countsTowardsParking: false });
  });
  it('treats 403 and 404 as final: the person removed or blocked the app', () => {
    expect(judgeFailure({ status: 403 }, 1, now)).toEqual({ kind: 'undeliverable' });
    expect(judgeFailure({ status: 404 }, 1, now)).toEqual({ kind: 'undeliverable' });
  });
  it('parks a message after the configured number of failed attempts', () => {
    expect(judgeFailure({ status: 500 }, 11, now, options).kind).toBe('retry');
    expect(judgeFailure({ status: 500 }, 12, now, options).kind).toBe('park');
    expect(judgeFailure({ status: 500 }, 3, now, { ...options, maxAttempts: 3 }).kind).toBe('park');
  });
  it('parks at once a message the connector will never accept (bad request, too large)', () => {
    expect(judgeFailure({ status: 400 }, 1, now).kind).toBe('park');
    expect(judgeFailure({ status: 413 }, 1, now).kind).toBe('park');
  });
  it('never waits longer than the cap', () => {
    expect(backoffMs(30, options)).toBe(defaultRetryPolicy.maxDelayMs);
  });
});
