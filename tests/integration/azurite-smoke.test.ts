import { tableClient } from '../../adapters/tables/client';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { QueueServiceClient } from '@azure/storage-queue';

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite.stop());

it('tests get a real Table and Queue server of their own', async () => {
  const client = await tableClient({ connectionString: azurite.connectionString, prefix: uniquePrefix() }, 'Smoke');
  await client.upsertEntity({ partitionKey: 'p', rowKey: 'r', value: 42 });
  const got = await client.getEntity<{ value: number }>('p', 'r');
  expect(got.value).toBe(42);
  const queue = QueueServiceClient.fromConnectionString(azurite.connectionString).getQueueClient('smoke');
  await queue.createIfNotExists();
  await queue.sendMessage('hello');
  const { receivedMessageItems } = await queue.receiveMessages();
  expect(receivedMessageItems[0]?.messageText).toBe('hello');
});
