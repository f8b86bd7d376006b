import { allot, TableLeaseLedger } from '../../adapters/outbox';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';

jest.setTimeout(30_000); // two shared cores

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite.stop());

const terms = { total: 48, leaseMs: 3_000, graceMs: 1_050, renewalMs: 250 };

describe('the sending budget kept in Table Storage', () => {
  it('hands a share given up to the instance that joined as soon as the calls made on it allow, not a window later', async () => {
    const ledger = new TableLeaseLedger({ connectionString: azurite.connectionString, prefix: uniquePrefix() });
    const t = 1_000_000;
    // a starts a fan-out alone and takes the whole budget; b joins 200 ms later and has to wait.
    await ledger.update((s) => allot(s, 'a', t, terms, false, { left: [], more: 0 }));
    expect((await ledger.update((s) => allot(s, 'b', t + 200, terms, false, { left: [], more: 0 })))?.share).toBe(0);
    // a renews: it has made 6 calls so far and may make 3 more before it hears the answer. Its share shrinks to a half.
    const made = [t + 20, t + 60, t + 90, t + 150, t + 210, t + 240].map((at) => at + 1_050);
    expect((await ledger.update((s) => allot(s, 'a', t + 250, terms, false, { left: made, more: 3 })))?.share).toBe(24);
    // Read back from the table, a's 9 calls are what is counted of its former 48: b has its half at once.
    expect((await ledger.update((s) => allot(s, 'b', t + 450, terms, false, { left: [], more: 0 })))?.share).toBe(24);
  });

  it('counts a share given up by an instance that did not say what it used (an older version) whole, for a window', async () => {
    const ledger = new TableLeaseLedger({ connectionString: azurite.connectionString, prefix: uniquePrefix() });
    const t = 1_000_000;
    await ledger.update((s) => allot(s, 'a', t, terms));
    await ledger.update((s) => allot(s, 'b', t + 200, terms));
    await ledger.update((s) => allot(s, 'a', t + 250, terms));
    expect((await ledger.update((s) => allot(s, 'b', t + 450, terms)))?.share).toBe(0);
    expect((await ledger.update((s) => allot(s, 'b', t + 250 + 1_050 + 250 + 1, terms)))?.share).toBe(24);
  });
});
