// Voice-of-the-child benchmark: card-submit latency through the real bot (p50/p95), and the morning
// scan's time with 2,000 meetings due out of 2,000 and out of 100,000 on file (the ratio should be ~1:
// the scan reads only the coming days). Runs on in-process Azurite. Usage: see docs/voice.md.
import { HttpRequest } from '@azure/functions';
import { createBot } from '../bot/index';
import { createTableStores } from '../adapters/tables';
import { TableConversationStore } from '../adapters/tables/conversation-store';
import { TableOutboxStore } from '../adapters/tables/outbox-store';
import { englandAndWales as cal, londonInstant } from '../core/calendar/working-days';
import type { Clock } from '../core/clock';
import type { Child } from '../core/model/child';
import type { Meeting, MeetingType } from '../core/model/meeting';
import type { Person } from '../core/model/person';
import { runNudgeScan } from '../core/voice/scan';
import { createBotResponse, toBotRequest } from '../functions/bot-bridge';
import { ConfigSchema } from '../functions/config';
import { buildVoiceServices } from '../functions/voice-services';
import { startAzurite, uniquePrefix } from '../tests/support/azurite';
import { startFakeConnector } from '../tests/support/fake-connector';

const TODAY = '2026-11-23';
const clock: Clock = { now: () => new Date('2026-11-23T08:30:00Z') };
const uuid = (n: number, kind: number) => `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function world(connectionString: string) {
  const config = ConfigSchema.parse({ STORAGE_CONNECTION: connectionString, TABLE_PREFIX: uniquePrefix() });
  const tables = { connectionString, prefix: config.TABLE_PREFIX };
  const stores = createTableStores(tables);
  const outbox = new TableOutboxStore(tables, clock);
  const voice = buildVoiceServices({ config, ...stores, clock, calendar: cal, outbox });
  return { config, tables, stores, voice };
}

/** `due` meetings with a nudge due today (200 workers, 10 each), plus `other` meetings outside the window. */
async function seed(w: Awaited<ReturnType<typeof world>>, due: number, other: number) {
  const manager: Person = { id: uuid(0, 2), upn: 'mgr@bench.example', displayName: 'Manager', roles: ['manager'], teamId: 't' };
  const workers: Person[] = Array.from({ length: 200 }, (_, i) => ({ id: uuid(i + 1, 1), upn: `w${i}@bench.example`, displayName: `Worker ${i}`, roles: ['social_worker'], teamId: 't', lineManagerId: manager.id }));
  await w.stores.people.upsertMany([manager, ...workers]);
  const children: Child[] = [];
  const meetings: Meeting[] = [];
  const at = (date: string): string => londonInstant(date, '10:00').toISOString();
  const plusWd = (n: number) => cal.addWorkingDays(TODAY, n);
  for (let i = 0; i < due; i++) {
    const ref = `B-${i}`;
    children.push({ ref, workerId: workers[i % workers.length]!.id, teamId: 't', birthMonth: '2015-03', legalStatus: 'CLA', groups: [], newToCare: false });
    const type: MeetingType = i % 2 ? 'CLA_REVIEW' : 'FGC';
    meetings.push({ id: `due-${i}`, childRef: ref, type, start: at(plusWd(type === 'FGC' ? 5 : 10)), status: 'scheduled', first: false });
  }
  for (let i = 0; i < other; i++) {
    // Past meetings and meetings beyond the scan's horizon, over about two years.
    const offset = i % 2 ? -(30 + (i % 600)) : 60 + (i % 600);
    const date = new Date(Date.parse(`${TODAY}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    meetings.push({ id: `other-${i}`, childRef: `B-${i % Math.max(1, due)}`, type: 'CLA_REVIEW', start: at(date), status: 'scheduled', first: false });
  }
  await w.stores.children.upsertMany(children);
  await w.stores.meetings.upsertMany(meetings); // one call: the store reads its existing records once
  return { workers };
}

async function scanBench(connectionString: string, other: number, runs = 3): Promise<{ ms: number; result: unknown }> {
  const w = await world(connectionString);
  const seedStart = Date.now();
  await seed(w, 2000, other);
  console.log(`  seeded ${2000 + other} meetings in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
  const times: number[] = [];
  let result: unknown;
  for (let i = 0; i < runs; i++) {
    // The same meetings, a fresh nudge state and outbox each run: every run sends all 2,000 nudges.
    const config = { ...w.config, TABLE_PREFIX: uniquePrefix() };
    const outbox = new TableOutboxStore({ connectionString, prefix: config.TABLE_PREFIX }, clock);
    const voice = buildVoiceServices({ config, ...w.stores, clock, calendar: cal, outbox });
    const started = performance.now();
    result = await runNudgeScan(voice);
    times.push(performance.now() - started);
  }
  return { ms: pct(times, 50), result };
}

async function submitBench(connectionString: string, n: number): Promise<number[]> {
  const w = await world(connectionString);
  const { workers } = await seed(w, 50, 0);
  const bot = createBot({ config: w.config, people: w.stores.people, conversations: new TableConversationStore(w.tables), clock, voice: w.voice });
  // The nudge card refreshes in place, so teams-ai also updates the card message: a local connector answers.
  const connector = await startFakeConnector();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const meetingId = `due-${i % 50}`;
    const worker = workers[(i % 50) % workers.length]!.id;
    const activity = {
      type: 'invoke', name: 'adaptiveCard/action', id: `bench-${i}`, channelId: 'msteams', serviceUrl: connector.serviceUrl, replyToId: `card-${i}`,
      from: { id: `29:${worker}`, aadObjectId: worker }, recipient: { id: '28:bot' }, conversation: { id: `a:${worker}`, conversationType: 'personal' },
      value: { action: { type: 'Action.Execute', verb: 'voice.record', data: { meetingId, digest: meetingId, pnCode: 'PN5', methods: 'direct_work', declined: 'false', gatheredOn: '2026-11-20', prepared: 'yes', attendance: 'will_not_attend' } } },
    };
    const req = new HttpRequest({ method: 'POST', url: 'http://localhost/api/messages', headers: { 'content-type': 'application/json' }, body: { string: JSON.stringify(activity) } });
    const res = createBotResponse();
    const t0 = performance.now();
    await bot.process((await toBotRequest(req)) as never, res as never);
    times.push(performance.now() - t0);
    if (res.toResponse().status !== 200) throw new Error(`submit ${i} answered ${res.toResponse().status}`);
  }
  await connector.stop();
  return times.slice(5); // the first few warm the process
}

export async function benchVoice(): Promise<Record<string, number>> {
  const azurite = await startAzurite();
  try {
    console.log('voice: card submit (Action.Execute "record", through the bot, Azurite)');
    const times = await submitBench(azurite.connectionString, 105);
    const p50 = pct(times, 50), p95 = pct(times, 95);
    console.log(`  p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms over ${times.length} submits`);
    console.log('voice: morning scan, 2,000 meetings due');
    const small = await scanBench(azurite.connectionString, 0);
    console.log(`  2,000 on file: ${(small.ms / 1000).toFixed(2)} s (median of 3) ${JSON.stringify(small.result)}`);
    const large = await scanBench(azurite.connectionString, 98_000);
    console.log(`  100,000 on file: ${(large.ms / 1000).toFixed(2)} s (median of 3) ${JSON.stringify(large.result)}`);
    const ratio = large.ms / small.ms;
    console.log(`  ratio (100k / 2k on file): ${ratio.toFixed(2)}`);
    return { submitP50Ms: p50, submitP95Ms: p95, scan2kMs: small.ms, scan100kMs: large.ms, ratio };
  } finally {
    await azurite.stop();
  }
}

if (require.main === module) {
  benchVoice().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
