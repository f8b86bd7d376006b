// The functions host (a real process, built as Azure loads it) gets SIGTERM, as Azure sends on scale-in and
// on deploy, while the outbox is sending: it stops claiming, records what it had in flight, and exits
// promptly; nothing is left claimed (to be resent when its lease ends), and the next host sends the rest.
// Issue 15 asks for 20 shutdowns mid-fan-out to cost 0 duplicates and 0 losses: GT_RESILIENCE_TERMS sets the
// number (default 20), with 429s and 500s injected as in the SIGKILL test beside it.
import { spawnHost, waitReady } from '../support/bench-host';
import { enqueueFanout, hostMidSend, pause, runDrain, useBuiltHostRig } from '../support/built-host-rig';

const TERMS = Number(process.env.GT_RESILIENCE_TERMS ?? 20);
const PEOPLE = 400;
const CHANNELS = 5;
const PER_CHANNEL = 20;
const rig = useBuiltHostRig('sigterm', { latencyMs: 100 }); // slow enough that sends are in flight at the signal


it(`${TERMS} SIGTERMs mid-fan-out cost nothing: each time the host stops claiming, records what was in flight and exits; every message arrives exactly once`, async () => {
  const { outbox, messages, env } = await enqueueFanout(rig, 'term', { people: PEOPLE, channels: CHANNELS, perChannel: PER_CHANNEL });
  rig.connector.inject({ share429: 0.05, share500: 0.05, retryAfter: '1' });

  let midRun = 0;
  const exits: number[] = [];
  for (let t = 0; t < TERMS; t++) {
    const { host, midRun: caught } = await hostMidSend(rig, env, { spread: 6, expected: messages.length });
    if (caught) midRun++;
    const signalled = Date.now();
    await host.kill('SIGTERM');
    exits.push(Date.now() - signalled);
    expect(host.output()).toContain('[shutdown] SIGTERM');
    // Nothing left claimed: the next host need not wait for a lease to end, and nothing it sent goes unrecorded.
    expect(await outbox.listByStatus('sending')).toEqual([]);
  }
  const deliveredBeforeLast = new Set(rig.connector.received.map((r) => r.activity.text)).size;

  rig.connector.inject({});
  const host = await spawnHost(rig.outdir, env);
  try {
    await waitReady(host);
    for (const until = Date.now() + 120_000; (await outbox.listByStatus('pending')).length > 0 && Date.now() < until; ) {
      await runDrain(host);
      await pause(1_000);
    }
  } finally {
    await host.kill('SIGTERM');
  }

  const counts = new Map<string, number>();
  for (const r of rig.connector.received) counts.set(r.activity.text as string, (counts.get(r.activity.text as string) ?? 0) + 1);
  const missed = messages.filter((m) => !counts.has(m.key)).map((m) => m.key);
  const duplicated = [...counts].filter(([, n]) => n > 1).map(([k]) => k);
  console.log(
    `host SIGTERM test: ${midRun} SIGTERMs mid-fan-out, ${messages.length} messages, ${deliveredBeforeLast} delivered before the final host; ` +
      `${missed.length} missed, ${duplicated.length} duplicated; exited ${Math.min(...exits)}-${Math.max(...exits)} ms after the signal`,
  );
  expect(midRun).toBeGreaterThanOrEqual(Math.max(1, TERMS - 2));
  expect(deliveredBeforeLast).toBeLessThan(messages.length); // the shutdowns really stopped it mid-run
  expect(Math.max(...exits)).toBeLessThan(10_000); // without the stop it would drain on for up to 45 s
  expect(missed).toEqual([]);
  expect(duplicated).toEqual([]);
  expect((await outbox.listByStatus('sent')).length).toBe(messages.length);
}, 600_000);
