// One sender instance as its own process, wired as the app wires it (createOutbox: the budget shared through
// Table Storage, retries followed): for the bench's and the resilience suite's multi-host fan-out. Drains
// until nothing is left open, then prints its budget figures as one JSON line (with `skipped`: claims another host
// won first) and exits 0.
import { writeFileSync } from 'node:fs';
import { AppBudget, createOutbox, TableLeaseLedger } from '../../adapters/outbox';
import { createTableStores } from '../../adapters/tables';
import { TableConversationStore } from '../../adapters/tables/conversation-store';
import { systemClock } from '../../core/clock';

async function main(): Promise<void> {
  const tables = { connectionString: process.env.GT_CONNECTION!, prefix: process.env.GT_PREFIX! };
  const logs: string[] = [];
  const { outbox, sender } = createOutbox({
    tables,
    clock: systemClock,
    conversations: new TableConversationStore(tables),
    audit: createTableStores(tables).audit,
    auth: { MicrosoftAppType: 'SingleTenant' },
    log: (line) => logs.push(line),
    // GT_BUDGET_PER_SECOND scales the budget down (the resilience test), GT_BUDGET_MARGIN_MS tries another
    // margin on the window (the bench, on a quiet machine); unset, the app's own.
    ...(process.env.GT_BUDGET_PER_SECOND || process.env.GT_BUDGET_MARGIN_MS
      ? {
          budget: new AppBudget({
            ledger: new TableLeaseLedger(tables),
            ...(process.env.GT_BUDGET_PER_SECOND ? { perSecond: Number(process.env.GT_BUDGET_PER_SECOND) } : {}),
            ...(process.env.GT_BUDGET_MARGIN_MS ? { marginMs: Number(process.env.GT_BUDGET_MARGIN_MS) } : {}),
          }),
        }
      : {}),
  });
  const budget = sender.budget!;
  const began = Date.now();
  let maxInFlight = 0;
  const trace: number[][] = [];
  const watch = setInterval(() => {
    maxInFlight = Math.max(maxInFlight, sender.inFlightTarget);
    if (process.env.GT_HOST_TRACE) trace.push([Date.now(), budget.taken, budget.share, sender.inFlightTarget]);
  }, 50);
  const report = { sent: 0, retrying: 0, failed: 0, parked: 0, skipped: 0 };
  for (;;) {
    const r = await sender.drain(45_000);
    for (const k of Object.keys(report) as (keyof typeof report)[]) report[k] += r[k];
    // Every message still open (pending, or claimed by a host) has a row in the due index.
    const next = await outbox.nextDueAt();
    if (next === undefined) break;
    // The rest is claimed by other hosts, or waiting for its retry: look again shortly. A message due now (the drain
    // ended at its 45 s) is drained at once, as an instance's next drain would, not after a pause.
    if (next.getTime() > Date.now()) await new Promise((resolve) => setTimeout(resolve, 300));
  }
  clearInterval(watch);
  // GT_HOST_TRACE=<path>: this host's calls taken, share and messages in flight every 50 ms, to <path>-<pid>.json.
  if (process.env.GT_HOST_TRACE) writeFileSync(`${process.env.GT_HOST_TRACE}-${process.pid}.json`, JSON.stringify({ began, trace }));
  const cpu = process.cpuUsage();
  const line = { ...report, taken: budget.taken, maxInFlight, cpuS: (cpu.user + cpu.system) / 1e6, seconds: (Date.now() - began) / 1000, logs: logs.length, otherLogs: logs.filter((l) => !l.includes("answered 500")).slice(0, 3) };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
