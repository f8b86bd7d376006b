// For the resilience tests that run the real local host: Azurite, a rate-limited Bot Connector stand-in and
// the app built as Azure loads it, started before a file's tests and stopped (and the build removed) after.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TableOutboxStore } from '../../adapters/outbox';
import { TableConversationStore } from '../../adapters/tables/conversation-store';
import { systemClock } from '../../core/clock';
import type { Recipient } from '../../core/model';
import { startAzurite, uniquePrefix, type RunningAzurite } from './azurite';
import { ROOT, buildAppTo, spawnHost, waitReady, type HostProcess } from './bench-host';
import { startRateLimitedConnector, type RateLimitedConnector, type RateLimitedConnectorOptions } from './rate-limited-connector';

export interface BuiltHostRig {
  azurite: RunningAzurite;
  connector: RateLimitedConnector;
  /** Where the app was built (`spawnHost(outdir, env)`). */
  outdir: string;
}

export function useBuiltHostRig(name: string, connectorOptions: RateLimitedConnectorOptions): BuiltHostRig {
  const rig = { outdir: join(ROOT, '.local', `${name}-${process.pid}`) } as BuiltHostRig;
  beforeAll(async () => {
    rig.azurite = await startAzurite();
    rig.connector = await startRateLimitedConnector(connectorOptions);
    mkdirSync(rig.outdir, { recursive: true });
    buildAppTo(rig.outdir);
  });
  afterAll(async () => {
    await rig.connector?.stop();
    await rig.azurite?.stop();
    rmSync(rig.outdir, { recursive: true, force: true });
  });
  return rig;
}

/**
 * A fan-out waiting in the outbox of a fresh table prefix: one message to each of `people` people and
 * `perChannel` to each of `channels` channels, each message's text its dedupe key (`<tag>:p-<i>`,
 * `<tag>:c-<c>:<j>`), so what the connector received can be counted per message.
 */
export async function enqueueFanout(rig: BuiltHostRig, tag: string, size: { people: number; channels: number; perChannel: number }) {
  const prefix = uniquePrefix();
  const tables = { connectionString: rig.azurite.connectionString, prefix };
  const conversations = new TableConversationStore(tables);
  const outbox = new TableOutboxStore(tables, systemClock);
  const updatedAt = new Date().toISOString();
  const serviceUrl = rig.connector.serviceUrl;
  const messages: { key: string; to: Recipient }[] = [];
  for (let i = 0; i < size.people; i++) {
    await conversations.save({ key: `person:p-${i}`, conversationType: 'personal', reference: { serviceUrl, conversation: { id: `a:p-${i}` } }, updatedAt });
    messages.push({ key: `${tag}:p-${i}`, to: { kind: 'person', personId: `p-${i}` } });
  }
  for (let c = 0; c < size.channels; c++) {
    await conversations.save({ key: `channel:19:c-${c}`, conversationType: 'channel', reference: { serviceUrl, conversation: { id: `19:c-${c}` } }, updatedAt });
    for (let j = 0; j < size.perChannel; j++) messages.push({ key: `${tag}:c-${c}:${j}`, to: { kind: 'channel', channelId: `19:c-${c}` } });
  }
  for (const m of messages) await outbox.enqueue({ dedupeKey: m.key, to: m.to, kind: 'nudge', text: m.key });
  const env = { STORAGE_CONNECTION: rig.azurite.connectionString, AzureWebJobsStorage: rig.azurite.connectionString, TABLE_PREFIX: prefix };
  return { outbox, messages, env };
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the outbox drain now, through the host's admin API (as the timer would). */
export const runDrain = (host: HostProcess) =>
  fetch(`${host.url}/admin/functions/outbox-drain`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"input":""}' });

/**
 * A fresh host on `env`, caught sending: it drains until the connector has had 2 to 1 + `spread` more calls
 * (or 10 s), then a random moment up to 20 ms later, so a signal sent now lands among sends in flight.
 * `midRun`: some of the `expected` messages had not yet arrived.
 */
export async function hostMidSend(rig: BuiltHostRig, env: Record<string, string>, o: { spread: number; expected: number }): Promise<{ host: HostProcess; midRun: boolean }> {
  const host = await spawnHost(rig.outdir, env);
  await waitReady(host);
  const target = rig.connector.calls.length + 2 + Math.floor(Math.random() * o.spread);
  await runDrain(host);
  const until = Date.now() + 10_000;
  while (rig.connector.calls.length < target && Date.now() < until) await pause(1);
  await pause(Math.random() * 20);
  return { host, midRun: rig.connector.received.length < o.expected };
}
