// Table Storage goes away while people submit record-voice cards: each gets an answer (never a 500 or a
// silence), nothing is half-written, and once storage is back the same submits succeed.
import { HttpRequest, InvocationContext } from '@azure/functions';
import { resetConfigCache } from '../../functions/config';
import { messages, resetMessagesBot } from '../../functions/messages.http';
import { resetServices } from '../../functions/wiring/services';
import { VoiceRecordSchema } from '../../core/voice';
import { execute } from '../support/bench-activities';
import { DEV_ACCOUNT, DEV_KEY, startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { benchWorld, recordData, seedVoice, type BenchWorld } from '../support/bench-world';
import { startOutageProxy, type OutageProxy } from '../support/bench-proxy';
import { startRateLimitedConnector, type RateLimitedConnector } from '../support/rate-limited-connector';

let azurite: RunningAzurite;
let proxy: OutageProxy;
let connector: RateLimitedConnector;
let w: BenchWorld;
let workers: { id: string }[];
let today: string;
const saved = { ...process.env };
const NOTE = 'Met at school, used the three houses tool';
const during: { status: number; body: string; ms: number }[] = [];
const after: { status: number; body: string }[] = [];
let otherDuring: { status: number; body: string; ms: number };

const post = async (activity: object) => {
  const t0 = performance.now();
  const res = await messages(
    new HttpRequest({ method: 'POST', url: 'http://localhost:7071/api/messages', headers: { 'content-type': 'application/json' }, body: { string: JSON.stringify(activity) } }),
    new InvocationContext({ invocationId: `outage-${Math.random()}` }),
  );
  return { status: res.status ?? 200, body: JSON.stringify(res.jsonBody ?? res.body ?? ''), ms: performance.now() - t0 };
};
const views = new Map<number, string>();
const submit = (i: number) =>
  post(execute(connector.serviceUrl, workers[i]!.id, 'voice.record', { ...recordData(`due-${i}`, today), note: NOTE, ...(views.has(i) ? { view: views.get(i) } : {}) }));
/** Opens the record form as a worker would, and keeps what its Save button carries. */
const openForm = async (i: number) => {
  const res = await post(execute(connector.serviceUrl, workers[i]!.id, 'voice.open', { meetingId: `due-${i}`, digest: `due-${i}` }));
  const save = (JSON.parse(res.body) as { value: { actions: { verb?: string; data?: { view?: string } }[] } }).value.actions.find((a) => a.verb === 'voice.record');
  if (!save?.data?.view) throw new Error(`the record form for due-${i} has no view in its Save data: ${res.body.slice(0, 300)}`);
  views.set(i, save.data.view);
};

beforeAll(async () => {
  azurite = await startAzurite();
  proxy = await startOutageProxy(azurite.tablePort);
  connector = await startRateLimitedConnector();
  const prefix = uniquePrefix();
  w = benchWorld(azurite.connectionString, prefix);
  ({ workers, today } = await seedVoice(w, { due: 10, workers: 10 }));
  // The app reaches tables through the proxy; the test's own reads go straight to Azurite.
  const throughProxy = `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};TableEndpoint=http://127.0.0.1:${proxy.port}/${DEV_ACCOUNT};QueueEndpoint=http://127.0.0.1:${azurite.queuePort}/${DEV_ACCOUNT};BlobEndpoint=http://127.0.0.1:${azurite.blobPort}/${DEV_ACCOUNT};`;
  process.env = { ...saved, STORAGE_CONNECTION: throughProxy, TABLE_PREFIX: prefix };
  delete process.env.MicrosoftAppId;
  resetConfigCache();
  resetServices();
  resetMessagesBot();
  expect((await submit(0)).body).toContain('Saved.'); // the bot is loaded and storage works

  for (let i = 1; i < 6; i++) await openForm(i);
  await proxy.cut();
  for (let i = 1; i < 6; i++) during.push(await submit(i));
  otherDuring = await post(execute(connector.serviceUrl, workers[1]!.id, 'yousaid.new', {}));
  await proxy.restore();
  for (let i = 1; i < 6; i++) after.push(await submit(i));
}, 240_000);
afterAll(async () => {
  process.env = saved;
  resetConfigCache();
  resetServices();
  resetMessagesBot();
  await connector.stop();
  await proxy.stop();
  await azurite.stop();
});

it('every submit during the outage is answered, without hanging, and the bot keeps working', () => {
  console.log(`during the outage: ${JSON.stringify(during.map((d) => ({ status: d.status, ms: Math.round(d.ms), body: d.body.slice(0, 160) })))}`);
  expect(during).toHaveLength(5);
  for (const d of during) expect(d.ms).toBeLessThan(10_000);
});

// The form opened before the outage carries its own view in its Save data, so it comes back without storage.
it('the answer is a clear "couldn\'t save, try again" card, within Teams\' 5 s, with the entries kept', () => {
  for (const d of during) {
    expect(d.status).toBe(200);
    expect(d.ms).toBeLessThan(5_000);
    expect(d.body).toMatch(/couldn.t save|could not save/i);
    expect(d.body).toMatch(/try again/i);
    expect(d.body).toContain(NOTE);
  }
});

it('nothing is half-written: each record is either absent or complete, and a saved one is audited', async () => {
  for (let i = 1; i < 6; i++) {
    const record = await w.voice.voice.get(`due-${i}`);
    if (record) {
      expect(VoiceRecordSchema.safeParse(record).success).toBe(true);
      const trail = await w.stores.audit.listForRecord('meeting', `due-${i}`);
      expect(trail.map((e) => e.action)).toContain('voice.recorded');
    }
  }
});

it('once storage is back, the same submits succeed and are saved', async () => {
  expect(after.map((a) => a.status)).toEqual(after.map(() => 200));
  for (const a of after) expect(a.body).toContain('Saved.');
  for (let i = 1; i < 6; i++) expect((await w.voice.voice.get(`due-${i}`))?.note).toBe(NOTE);
});

it('any other card button during the outage gets a kind answer in words, and Teams keeps the card as it was', () => {
  expect(otherDuring.status).toBe(200);
  expect(otherDuring.ms).toBeLessThan(5_000);
  expect(otherDuring.body).toMatch(/try again/i);
  expect(otherDuring.body).toContain('application/vnd.microsoft.activity.message');
});
