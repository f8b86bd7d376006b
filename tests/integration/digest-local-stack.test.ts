// The digests in the local stack, as a developer runs them: the demo council seeded through the import API,
// then POST /admin/functions/digestRun, and the digest waiting in the outbox for each demo manager.
import { TableOutboxStore } from '../../adapters/tables/outbox-store';
import { defaultChannelGuard } from '../../adapters/outbox/index';
import { TableChannelMappingStore } from '../../adapters/tables/channel-mapping-store';
import { tableClient } from '../../adapters/tables/client';
import { lazyClient } from '../../adapters/tables/entity';
import { systemClock } from '../../core/clock';
import { mondayOf } from '../../core/digests';
import { londonDate } from '../../core/calendar';
import { DEMO_TEAMS } from '../../scripts/demo-council';
import { startLocalStack, type LocalStack } from '../support/local-stack';

jest.mock('@azure/functions-core', () => jest.requireActual('../../scripts/functions-core-shim'), { virtual: true });
jest.setTimeout(90_000);

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ seed: true });
});
afterAll(() => stack?.stop());

const outboxStore = () => new TableOutboxStore({ connectionString: stack.azurite.connectionString, prefix: stack.prefix }, systemClock);

test('POST /admin/functions/digestRun {"input":"weekly"} puts each demo manager\'s weekly digest in the outbox', async () => {
  const res = await stack.runNow('digestRun', 'weekly');
  expect(res.status).toBe(202);
  await stack.waitFor(() => stack.lines.some((l) => /digest run weekly|\[digestRun\] (succeeded|failed)/.test(l)));
  expect(stack.lines.filter((l) => /failed|error/i.test(l) && l.includes('digestRun'))).toEqual([]);
  const outbox = outboxStore();
  const week = mondayOf(londonDate(new Date()));
  for (const team of DEMO_TEAMS) {
    const item = await outbox.get(`digest.weekly:${week}:${team.id}:person:${team.managerId}:1`);
    expect(item).toBeDefined();
    expect(JSON.stringify(item)).toContain(`Weekly digest: ${team.name}`);
    expect(JSON.stringify(item)).toContain('Needs your attention');
  }
});

test('the CICC digest, the board briefing and the senior report each go to the demo channel mapped for them, naming no child', async () => {
  for (const input of ['cicc', 'cpb', 'senior']) {
    stack.lines.length = 0;
    const res = await stack.runNow('digestRun', input);
    expect(res.status).toBe(202);
    await stack.waitFor(() => stack.lines.some((l) => l.includes(`digest run ${input}`) || /\[digestRun\] failed/.test(l)));
    expect(stack.lines.find((l) => l.includes(`digest run ${input}`))).toMatch(/"enqueued":[1-9]/);
  }
  const outbox = outboxStore();
  const posts = (await outbox.listByStatus('pending')).filter((i) => i.message.to.kind === 'channel');
  const byChannel = (id: string) => posts.filter((p) => p.message.to.kind === 'channel' && p.message.to.channelId === id).map((p) => JSON.stringify(p.message.card));
  // The CICC's channel: the digest for young people and the audit card.
  expect(byChannel('demo-channel-cicc').join()).toContain('You told us');
  // The board: the CICC's last audit from the seed, word for word, and "Ask about this".
  expect(byChannel('demo-channel-cpb').join()).toContain('Family time is still hard to arrange.');
  expect(byChannel('demo-channel-cpb').join()).toContain('Ask about this');
  // Senior managers: last month's report across the demo's districts.
  expect(byChannel('demo-channel-smt').join()).toContain('Demo North');
  // The board and the senior managers are told first what needs their attention.
  for (const channel of ['demo-channel-cpb', 'demo-channel-smt']) expect(byChannel(channel)[0]).toMatch(/"text":"Needs your attention"/);
  // Counts of the council's own work are exact, small ones too; only counts of children may read "fewer than 5".
  const factsOf = (card: string) => Object.fromEntries([...card.matchAll(/\{"title":"((?:[^"\\]|\\.)*)","value":"((?:[^"\\]|\\.)*)"\}/g)].map((m) => [JSON.parse(`"${m[1]}"`), JSON.parse(`"${m[2]}"`)]));
  const board = factsOf(byChannel('demo-channel-cpb').join());
  for (const title of ['Raised', 'Done', 'Not possible (and the children told why)', 'Overdue now', 'All examples']) expect({ title, value: board[title] }).toEqual({ title, value: expect.stringMatching(/^\d+$/) });
  const cicc = factsOf(byChannel('demo-channel-cicc').join());
  for (const title of ['Things we changed', 'Things we are still doing', 'Things we could not do']) expect({ title, value: cicc[title] }).toEqual({ title, value: expect.stringMatching(/^\d+$/) });
  expect(byChannel('demo-channel-cicc')[0]).not.toContain('fewer than');
  for (const post of posts) {
    expect(JSON.stringify(post.message)).not.toMatch(/DEMO-(P-|M-)?\d{4}/);
    // The outbox's own last check before a channel post passes them (no false alarm stops a digest).
    expect(defaultChannelGuard({ text: post.message.text, card: post.message.card })).toEqual([]);
  }
});

test("once a team's own channel is chosen, its weekly digest goes there with totals only, never a case reference", async () => {
  const team = DEMO_TEAMS[0]!;
  const channelId = '19:demo-north-cp@thread.tacv2';
  const mappings = new TableChannelMappingStore(lazyClient(() => tableClient({ connectionString: stack.azurite.connectionString, prefix: stack.prefix }, 'ChannelMappings')));
  await mappings.save({ audience: `team:${team.id}`, label: team.name, channelId, setBy: 'test', setAt: new Date().toISOString() });
  stack.lines.length = 0;
  await stack.runNow('digestRun', 'weekly');
  await stack.waitFor(() => stack.lines.some((l) => /digest run weekly|\[digestRun\] (succeeded|failed)/.test(l)));
  const outbox = outboxStore();
  const item = await outbox.get(`digest.weekly:${mondayOf(londonDate(new Date()))}:${team.id}:channel:${channelId}:1`);
  expect(item?.message.to).toEqual({ kind: 'channel', channelId });
  expect(JSON.stringify(item?.message.card)).toContain(team.name);
  expect(JSON.stringify(item?.message.card)).not.toMatch(/DEMO-\d{4}/);
});
