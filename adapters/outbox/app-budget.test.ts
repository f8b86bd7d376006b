import { allot, AppBudget, BudgetUnavailable, MemoryLeaseLedger, type LeaseLedger } from './app-budget';
import { maxInAnyWindow } from '../../tests/support/windows';

const terms = { total: 48, leaseMs: 3_000, graceMs: 1_050 };

/** Virtual time: sleeping moves the clock on. */
function virtualTime() {
  const time = { t: 1_000_000 };
  return { time, now: () => time.t, sleep: async (ms: number) => void (time.t += Math.max(ms, 1)) };
}

/** Virtual timers for instances running together: time jumps to the next timer once every one is waiting. */
function virtualTimers() {
  const time = { t: 1_000_000 };
  const timers: { at: number; resolve: () => void }[] = [];
  const now = () => time.t;
  const sleep = (ms: number) => new Promise<void>((resolve) => timers.push({ at: time.t + Math.max(ms, 1), resolve }));
  const runUntil = async (finished: () => boolean) => {
    while (!finished()) {
      await new Promise((r) => setImmediate(r));
      timers.sort((x, y) => x.at - y.at);
      const next = timers.shift();
      if (!next) continue;
      time.t = Math.max(time.t, next.at);
      next.resolve();
    }
  };
  return { time, now, sleep, runUntil };
}

/** A ledger in another place: every answer comes `answerMs(n)` after the write (a contended or busy store). */
function slowLedger(sleep: (ms: number) => Promise<void>, answerMs: (n: number) => number): LeaseLedger {
  const inner = new MemoryLeaseLedger();
  let n = 0;
  return { update: async (change) => {
    const lease = await inner.update(change);
    await sleep(answerMs(n++));
    return lease;
  } };
}

describe('the shared sending budget', () => {
  it('gives one instance the whole budget, and splits it fairly once others join, never handing out a share still in use', () => {
    let state = allot({ hosts: {} }, 'a', 0, terms).state;
    expect(state.hosts.a!.share).toBe(48);
    // b joins: a still holds 48, so b waits.
    const b1 = allot(state, 'b', 100, terms);
    expect(b1.lease.share).toBe(0);
    state = b1.state;
    // a renews and shrinks to its fair half; the half it gave up stays counted for one window.
    state = allot(state, 'a', 1_000, terms).state;
    expect(state.hosts.a).toMatchObject({ share: 24, was: 48 });
    expect(allot(state, 'b', 1_500, terms).lease.share).toBe(0);
    const b2 = allot(state, 'b', 2_100, terms);
    expect(b2.lease.share).toBe(24);
    const total = (s: typeof state) => Object.values(s.hosts).reduce((n, e) => n + e.share, 0);
    expect(total(b2.state)).toBeLessThanOrEqual(48);
    // A lease that runs out (its instance gone) is handed on only after one more window.
    const c = allot(b2.state, 'b', 1_000 + 3_000 + 500, terms);
    expect(c.lease.share).toBe(24);
    expect(allot(b2.state, 'b', 1_000 + 3_000 + 1_100, terms).lease.share).toBe(48);
  });

  it('gives an instance that joined its share within about a second, however often the others renew', () => {
    let state = allot({ hosts: {} }, 'a', 0, terms).state;
    let b = allot(state, 'b', 10, terms);
    state = b.state;
    // a renews every second (less than a window apart); b asks every 250 ms.
    for (let t = 250; t <= 6_000 && b.lease.share === 0; t += 250) {
      if (t % 1_000 === 0) state = allot(state, 'a', t, terms).state;
      b = allot(state, 'b', t, terms);
      state = b.state;
      if (b.lease.share) expect(t).toBeLessThanOrEqual(2_250); // a shrank at 1 s; its larger share counted one window more
    }
    expect(b.lease.share).toBe(24);
    expect(state.hosts.a!.share + state.hosts.b!.share).toBeLessThanOrEqual(48);
  });

  it('lets an instance that joins a fan-out under way start sending within about two seconds', async () => {
    const { time, now, sleep, runUntil } = virtualTimers();
    const ledger = new MemoryLeaseLedger();
    const a = new AppBudget({ ledger, hostId: 'a', perSecond: 48, now, sleep });
    const b = new AppBudget({ ledger, hostId: 'b', perSecond: 48, now, sleep });
    const start = time.t;
    let bFirstCallAfter: number | undefined;
    void (async () => {
      while (bFirstCallAfter === undefined) {
        (await a.take()).sent(); // a sends all it may
        await sleep(2);
      }
    })();
    void (async () => {
      await sleep(100); // b starts just after a had the whole budget
      (await b.take()).sent();
      bFirstCallAfter = now() - start - 100;
    })();
    await runUntil(() => bFirstCallAfter !== undefined);
    // a gives its part up at its next renewal (within 500 ms: it renews every 250 ms while it holds more than
    // half), and that part is b's one window (1,050 ms + 250 ms) later. Renewing once a second, 2.5 s.
    expect(bFirstCallAfter).toBeLessThanOrEqual(2_100);
  });

  it('uses the whole budget within a second and a half when three instances start a fan-out together', async () => {
    const { time, now, sleep, runUntil } = virtualTimers();
    const ledger = new MemoryLeaseLedger();
    const start = time.t;
    const calls: number[] = [];
    const byHost = new Map<string, number>();
    let running = 3;
    ['a', 'b', 'c'].forEach((hostId, i) => {
      const budget = new AppBudget({ ledger, hostId, perSecond: 48, now, sleep });
      void (async () => {
        await sleep(i * 150); // b and c start after a, which has the whole budget meanwhile
        while (now() < start + 4_000) {
          const slot = await budget.take();
          slot.sent();
          calls.push(now());
          byHost.set(hostId, (byHost.get(hostId) ?? 0) + 1);
          await sleep(22); // one instance's pace: about 45 calls a second at most (its messages in flight)
        }
        running--;
      })();
    });
    await runUntil(() => running === 0);
    expect(maxInAnyWindow(calls, 1_050)).toBeLessThanOrEqual(48);
    // a's share passes to b and c as a's calls leave the window, not one window after a gave it up: from 1.5 s on
    // the three make the budget's 48 a second (each window a little longer than a second, for the margin).
    const after = (from: number, to: number) => calls.filter((t) => t >= start + from && t < start + to).length;
    expect(after(1_500, 2_550)).toBeGreaterThanOrEqual(46);
    expect(after(0, 2_000)).toBeGreaterThanOrEqual(80);
    expect(['a', 'b', 'c'].every((h) => (byHost.get(h) ?? 0) > 30)).toBe(true);
  });

  it('keeps every instance together within the budget in any second, whatever their pace', async () => {
    const { time, now, sleep, runUntil } = virtualTimers();
    const ledger = new MemoryLeaseLedger();
    const budgets = ['a', 'b', 'c'].map((hostId) => new AppBudget({ ledger, hostId, perSecond: 48, now, sleep }));
    const calls: number[] = [];
    const end = time.t + 10_000;
    let done = 0;
    budgets.forEach((budget, i) => {
      void (async () => {
        let n = 0;
        while (now() < end) {
          const slot = await budget.take();
          // Some calls leave the process late (a busy event loop): counted when they leave, as Teams counts them.
          const late = (n++ * 37 + i * 11) % 5 === 0 ? 100 + ((n * 53) % 300) : 0;
          void sleep(late).then(() => {
            slot.sent();
            calls.push(now());
          });
          await sleep(5 + i * 7); // each at its own pace (one call, then the next after a while)
        }
        done++;
      })();
    });
    await runUntil(() => done === budgets.length);
    expect(maxInAnyWindow(calls, 1_000)).toBeLessThanOrEqual(48);
    expect(calls.length).toBeGreaterThan(400); // and the budget is used, not left idle
    expect(budgets.every((b) => b.taken > 50)).toBe(true);
  });

  it('keeps instances within the budget in any second when they start, stall, give their share back and die at random', async () => {
    const most: number[] = [];
    const made: number[] = [];
    for (let seed = 1; seed <= 40; seed++) {
      let r = seed * 7_919;
      const random = () => ((r = (r * 48_271) % 2_147_483_647) / 2_147_483_647);
      const { time, now, sleep, runUntil } = virtualTimers();
      const ledger = slowLedger(sleep, () => (random() < 0.3 ? random() * 600 : random() * 40));
      const calls: number[] = [];
      const start = time.t;
      let running = 3;
      ['a', 'b', 'c'].forEach((hostId) => {
        const budget = new AppBudget({ ledger, hostId, perSecond: 48, now, sleep });
        const joins = random() * 1_500;
        const dies = random() < 0.3 ? start + 2_000 + random() * 3_000 : Infinity; // stops without giving its share back
        const pauses = start + 1_000 + random() * 3_000; // a drain ends: its share given back, then another begins
        void (async () => {
          await sleep(joins);
          let paused = false;
          while (now() < Math.min(start + 6_000, dies)) {
            if (!paused && now() > pauses) {
              paused = true;
              await budget.release();
              await sleep(random() * 600);
            }
            const slot = await budget.take();
            // Most calls reach the socket at once; some a little after their turn (a busy event loop).
            const late = random() < 0.2 ? random() * 200 : 0;
            void sleep(late).then(() => {
              slot.sent();
              calls.push(now());
            });
            await sleep(random() < 0.1 ? random() * 400 : random() * 30); // its pace, and now and then a stall
          }
          running--;
        })();
      });
      await runUntil(() => running === 0);
      most.push(maxInAnyWindow(calls, 1_000));
      made.push(calls.length);
    }
    expect(Math.max(...most)).toBeLessThanOrEqual(48);
    expect(Math.min(...made)).toBeGreaterThan(50);
  });

  it('keeps its pace while its lease is renewed: a slow ledger does not hold up the sends every second', async () => {
    const { time, now, sleep, runUntil } = virtualTimers();
    const budget = new AppBudget({ ledger: slowLedger(sleep, () => 200), hostId: 'a', perSecond: 48, now, sleep });
    const waits: number[] = [];
    let done = false;
    void (async () => {
      (await budget.take()).sent(); // the first lease is waited for: there is no share before it
      const end = time.t + 6_000;
      while (now() < end) {
        const asked = now();
        (await budget.take()).sent();
        waits.push(now() - asked);
        await sleep(50); // 20 calls a second: well inside the share
      }
      done = true;
    })();
    await runUntil(() => done);
    expect(Math.max(...waits)).toBe(0); // renewals (one a second, 200 ms each) happened meanwhile
    expect(waits.length).toBeGreaterThan(100);
  });

  it('keeps instances joining and leaving within the budget in any second when the ledger answers late', async () => {
    const { time, now, sleep, runUntil } = virtualTimers();
    const ledger = slowLedger(sleep, (n) => [30, 400, 120, 260, 0, 700][n % 6]!);
    const calls: number[] = [];
    const start = time.t;
    let running = 3;
    ['a', 'b', 'c'].forEach((hostId, i) => {
      const budget = new AppBudget({ ledger, hostId, perSecond: 48, now, sleep });
      void (async () => {
        await sleep(i * 1_300); // b and c join later, so a's share shrinks twice
        while (now() < start + 8_000 + i * 500) {
          const slot = await budget.take();
          slot.sent();
          calls.push(now());
          await sleep(3);
        }
        await budget.release();
        running--;
      })();
    });
    await runUntil(() => running === 0);
    expect(maxInAnyWindow(calls, 1_000)).toBeLessThanOrEqual(48);
    expect(calls.length).toBeGreaterThan(300);
  });

  it('gives its share back when a drain ends, even with a renewal still on its way', async () => {
    const { time, now, sleep, runUntil } = virtualTimers();
    const inner = new MemoryLeaseLedger();
    const ledger: LeaseLedger = { update: async (change) => {
      await sleep(100); // the renewal is read and written 100 ms after it starts
      return inner.update(change);
    } };
    const a = new AppBudget({ ledger, hostId: 'a', perSecond: 48, now, sleep });
    const b = new AppBudget({ ledger: inner, hostId: 'b', perSecond: 48, now, sleep });
    let share: number | undefined;
    void (async () => {
      (await a.take()).sent();
      await sleep(260); // past 250 ms: a holds the whole budget, so its next take renews (in the background)
      (await a.take()).sent();
      await a.release(); // the drain ends while that renewal is on its way
      await sleep(1_500);
      share = (await b.take(), b.share);
    })();
    await runUntil(() => share !== undefined);
    expect(share).toBe(48); // a's 48 given back, not renewed for another 3 s behind the release
    expect(time.t).toBeLessThan(1_000_000 + 3_000);
  });

  it('counts a call from when it reached the socket, so calls held back after their turn never land bunched', async () => {
    const { time, now, sleep } = virtualTime();
    const budget = new AppBudget({ ledger: new MemoryLeaseLedger(), hostId: 'a', perSecond: 10, marginMs: 0, now, sleep });
    const start = time.t;
    const slots = [];
    for (let i = 0; i < 10; i++) slots.push(await budget.take()); // ten turns taken at once
    time.t += 600; // ... and the process stalls: they leave 600 ms later
    slots.forEach((slot) => slot.sent());
    const left = time.t;
    await budget.take();
    // Booked at their turn, the eleventh would go at start + 1 s, 400 ms after the ten: eleven in one second.
    expect(time.t).toBeGreaterThanOrEqual(left + 1_000);
    expect(time.t - start).toBeGreaterThanOrEqual(1_600);
  });

  it('sends nothing when its store cannot be reached (fails closed)', async () => {
    const { now, sleep } = virtualTime();
    const down: LeaseLedger = { update: () => Promise.reject(new Error('connect ECONNREFUSED')) };
    const budget = new AppBudget({ ledger: down, now, sleep, unavailableAfterMs: 5_000 });
    await expect(budget.take()).rejects.toBeInstanceOf(BudgetUnavailable);
    expect(budget.taken).toBe(0);
  });

  it('pauses every instance when Teams throttles the whole app', async () => {
    const { time, now, sleep } = virtualTime();
    const ledger = new MemoryLeaseLedger();
    const a = new AppBudget({ ledger, hostId: 'a', now, sleep });
    const b = new AppBudget({ ledger, hostId: 'b', now, sleep });
    await a.take();
    await a.holdUntil(time.t + 5_000);
    const from = time.t;
    await b.take();
    expect(time.t - from).toBeGreaterThanOrEqual(5_000);
  });
});
