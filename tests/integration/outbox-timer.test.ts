import { InvocationContext, type Timer } from '@azure/functions';
import { resetConfigCache } from '../../functions/config';
import { outboxDrain } from '../../functions/outbox-drain.timer';
import { getServices, resetServices } from '../../functions/wiring/services';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';

jest.setTimeout(30_000);
let azurite: RunningAzurite;
let connector: FakeConnector;
const saved = { ...process.env };
const tick: Timer = { isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: { last: '', next: '', lastUpdated: '' } };

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnector();
  process.env = { ...saved, STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix() };
  delete process.env.MicrosoftAppId;
  resetConfigCache();
  resetServices();
});
afterAll(async () => {
  process.env = saved;
  resetConfigCache();
  resetServices();
  await connector.stop();
  await azurite.stop();
});

it('the every-minute timer sends what producers put in the outbox, and logs what it did', async () => {
  const services = getServices();
  await services.conversations.save({
    key: 'person:0b6c1c9e-3f1a-4d2b-9a53-7c2f0f5e8a11',
    conversationType: 'personal',
    reference: { serviceUrl: connector.serviceUrl, conversation: { id: 'a:sam' } },
    updatedAt: new Date().toISOString(),
  });
  await services.outbox.enqueue({
    dedupeKey: 'nudge:sam:today',
    to: { kind: 'person', personId: '0b6c1c9e-3f1a-4d2b-9a53-7c2f0f5e8a11' },
    kind: 'nudge',
    text: 'Two meetings this week need views gathering.',
  });
  const logs: string[] = [];
  const context = new InvocationContext({ invocationId: 'timer-1', logHandler: (_level, ...args) => logs.push(args.join(' ')) });
  await outboxDrain(tick, context);
  expect(connector.sent('a:sam').map((r) => r.activity.text)).toEqual(['Two meetings this week need views gathering.']);
  expect(logs.join('\n')).toMatch(/sent 1/);
  await outboxDrain(tick, context);
  expect(connector.sent()).toHaveLength(1);
});
