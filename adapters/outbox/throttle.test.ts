import { Throttle } from './throttle';

/** A virtual clock: sleeping moves time on, so the test takes no real time. */
function virtualTime() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), at: () => t };
}

describe('the sender throttle', () => {
  it('keeps one conversation within 7 a second, 8 in 2 seconds and 60 in 30 seconds', async () => {
    const time = virtualTime();
    const throttle = new Throttle({ ...time, marginMs: 0 });
    const stamps: number[] = [];
    for (let i = 0; i < 70; i++) {
      await throttle.acquire('person:a');
      stamps.push(time.at());
    }
    const most = (windowMs: number) =>
      Math.max(...stamps.map((s) => stamps.filter((t) => t >= s && t < s + windowMs).length));
    expect(most(1_000)).toBeLessThanOrEqual(7);
    expect(most(2_000)).toBeLessThanOrEqual(8);
    expect(most(30_000)).toBeLessThanOrEqual(60);
    expect(stamps[69]).toBeGreaterThanOrEqual(30_000); // the 61st and later waited for the 30 s window
  });

  it('lets different conversations go at once, up to 50 a second for the app', async () => {
    const time = virtualTime();
    const throttle = new Throttle({ ...time, marginMs: 0 });
    for (let i = 0; i < 50; i++) await throttle.acquire(`person:${i}`);
    expect(time.at()).toBe(0);
    await throttle.acquire('person:51');
    expect(time.at()).toBeGreaterThanOrEqual(1_000);
  });

});
