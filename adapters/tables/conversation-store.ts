import { RestError, type TableClient } from '@azure/data-tables';
import {
  ConversationRecordSchema,
  type ConversationRecord,
  type ConversationStore,
} from '../../core';
import { tableClient, type TablesConfig } from './client';
import { decodeKey, encodeKey } from './keys';
import { TABLES } from './names';

// One row per conversation: PartitionKey is the kind ('person' | 'channel' | 'group'), RowKey the id,
// so listChannels reads one partition. The botbuilder reference is held as JSON text.
interface ConversationEntity {
  partitionKey: string;
  rowKey: string;
  conversationType?: string;
  reference?: string;
  teamId?: string;
  channelName?: string;
  greetedAt?: string;
  updatedAt?: string;
}

const splitKey = (key: string): { partitionKey: string; rowKey: string } => {
  const at = key.indexOf(':');
  if (at < 1) throw new Error(`conversation key must look like 'kind:id', got '${key}'`);
  return { partitionKey: key.slice(0, at), rowKey: encodeKey(key.slice(at + 1)) };
};

const toRecord = (e: ConversationEntity): ConversationRecord | undefined => {
  if (!e.reference) return undefined; // greeted before it was saved: not yet a usable reference
  const parsed = ConversationRecordSchema.safeParse({
    key: `${e.partitionKey}:${decodeKey(e.rowKey)}`,
    conversationType: e.conversationType,
    reference: JSON.parse(e.reference),
    teamId: e.teamId,
    channelName: e.channelName,
    greetedAt: e.greetedAt,
    updatedAt: e.updatedAt,
  });
  return parsed.success ? parsed.data : undefined;
};

const isStatus = (err: unknown, status: number): boolean => err instanceof RestError && err.statusCode === status;

export class TableConversationStore implements ConversationStore {
  constructor(private readonly config: TablesConfig) {}

  private table(): Promise<TableClient> {
    return tableClient(this.config, TABLES.conversations);
  }

  async save(record: ConversationRecord): Promise<void> {
    const valid = ConversationRecordSchema.parse(record);
    const entity: ConversationEntity = {
      ...splitKey(valid.key),
      conversationType: valid.conversationType,
      reference: JSON.stringify(valid.reference),
      updatedAt: valid.updatedAt,
    };
    if (valid.teamId) entity.teamId = valid.teamId;
    if (valid.channelName) entity.channelName = valid.channelName;
    if (valid.greetedAt) entity.greetedAt = valid.greetedAt;
    // Merge, so saving a fresher reference never forgets that the conversation was greeted.
    await (await this.table()).upsertEntity(entity, 'Merge');
  }

  async get(key: string): Promise<ConversationRecord | undefined> {
    const { partitionKey, rowKey } = splitKey(key);
    try {
      return toRecord(await (await this.table()).getEntity<ConversationEntity>(partitionKey, rowKey));
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }

  async markGreeted(key: string, at: Date): Promise<boolean> {
    const table = await this.table();
    const { partitionKey, rowKey } = splitKey(key);
    for (let attempt = 0; attempt < 5; attempt++) {
      let current: (ConversationEntity & { etag: string }) | undefined;
      try {
        current = await table.getEntity<ConversationEntity>(partitionKey, rowKey);
      } catch (err) {
        if (!isStatus(err, 404)) throw err;
      }
      if (current?.greetedAt) return false;
      try {
        if (current) {
          // ETag: of two simultaneous installs (Teams sends installationUpdate and conversationUpdate together) only one wins.
          await table.updateEntity({ partitionKey, rowKey, greetedAt: at.toISOString() }, 'Merge', { etag: current.etag });
        } else {
          await table.createEntity({ partitionKey, rowKey, greetedAt: at.toISOString() });
        }
        return true;
      } catch (err) {
        if (!isStatus(err, 412) && !isStatus(err, 409)) throw err;
      }
    }
    return false;
  }

  async listChannels(): Promise<ConversationRecord[]> {
    const table = await this.table();
    const out: ConversationRecord[] = [];
    for await (const e of table.listEntities<ConversationEntity>({ queryOptions: { filter: `PartitionKey eq 'channel'` } })) {
      const record = toRecord(e);
      if (record) out.push(record);
    }
    return out;
  }
}
