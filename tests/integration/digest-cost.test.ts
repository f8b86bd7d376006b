import { benchWeeklyDigest, formatWeeklyBench } from '../../bench/digest-reads';

jest.setTimeout(120_000);

describe('the cost of a digest follows the period it reports, not the history', () => {
  it('reads the same rows with five years of history as with three months', async () => {
    const r = await benchWeeklyDigest(150);
    process.stdout.write(`${formatWeeklyBench(r)}\n`);
    expect(r.long.historyRows).toBeGreaterThan(5 * r.short.historyRows);
    // What a digest costs is what it reads. Its time is measured by `npm run bench` (target 1.2x), never asserted
    // here: on a busy shared machine a timed ratio fails for reasons that are not the code's (CI once saw 1.77x).
    expect(r.long.rowsRead).toBe(r.short.rowsRead);
  });
});
