import type { TableEntity, TransactionAction } from '@azure/data-tables';
import { QueueClient } from '@azure/storage-queue';
import { ImportResultSchema, type ImportResult } from '../../core/intake/result';
import { fromEntity, getOrUndefined, listPartition, toProperties, type LazyClient } from './entity';
import type { TablesConfig } from './client';
import { encodeKey } from './keys';

/** Table Storage caps a string property at 64 KiB (32K UTF-16 characters): bodies are stored in chunks below that. */
const CHUNK_CHARS = 30_000;
/** A stored result keeps this many rejections and warnings; the counts stay exact. */
const KEEP_PROBLEMS = 100;

/**
 * Background imports. `ImportJobs`: one row per import (`job` / id), the result as GET /api/import/status
 * shows it. `ImportBodies`: a large file's text in chunks (`<id>` / `00000`, `00001`, ...), read back by the
 * queue worker and then deleted. The queue carries only a pointer (or a small body inline).
 */
export class ImportJobs {
  constructor(
    private readonly jobs: LazyClient,
    private readonly bodies: LazyClient,
    private readonly queue: () => Promise<QueueClient>,
  ) {}

  async save(result: ImportResult): Promise<void> {
    const kept = ImportResultSchema.parse({
      ...result,
      rejected: result.rejected.slice(0, KEEP_PROBLEMS),
      warnings: result.warnings.slice(0, KEEP_PROBLEMS),
    });
    const entity = { partitionKey: 'job', rowKey: encodeKey(result.id), ...toProperties(kept) };
    await (await this.jobs()).upsertEntity(entity, 'Replace');
  }

  async get(id: string): Promise<ImportResult | undefined> {
    const e = await getOrUndefined(await this.jobs(), 'job', encodeKey(id));
    return e ? fromEntity(ImportResultSchema, e, ['rejected', 'warnings', 'ignoredColumns', 'window']) : undefined;
  }

  /** Stores a body in chunks; returns how many. */
  async putBody(id: string, text: string): Promise<number> {
    const client = await this.bodies();
    const rows: TableEntity<{ data: string }>[] = [];
    for (let i = 0; i * CHUNK_CHARS < text.length; i++) {
      rows.push({ partitionKey: encodeKey(id), rowKey: String(i).padStart(5, '0'), data: text.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS) });
    }
    // 50 chunks of up to 60 KB stay under a transaction's 4 MiB.
    for (let i = 0; i < rows.length; i += 50) {
      await client.submitTransaction(rows.slice(i, i + 50).map((e) => ['upsert', e, 'Replace'] as TransactionAction));
    }
    return rows.length;
  }

  async getBody(id: string): Promise<string | undefined> {
    const rows = await listPartition(await this.bodies(), encodeKey(id));
    if (rows.length === 0) return undefined;
    return rows.map((r) => String(r.data ?? '')).join(''); // RowKeys sort in chunk order
  }

  async deleteBody(id: string): Promise<void> {
    const client = await this.bodies();
    const rows = await listPartition(client, encodeKey(id));
    for (let i = 0; i < rows.length; i += 100) {
      const actions = rows
        .slice(i, i + 100)
        .map((r) => ['delete', { partitionKey: String(r.partitionKey), rowKey: String(r.rowKey) }] as TransactionAction);
      await client.submitTransaction(actions);
    }
  }

  /** Queues a message, base64-encoded JSON as the Functions queue trigger expects by default. */
  async enqueue(message: object): Promise<void> {
    const text = Buffer.from(JSON.stringify(message), 'utf8').toString('base64');
    await (await this.queue()).sendMessage(text);
  }
}

export { IMPORT_QUEUE } from './queue-names';

export function queueClient(config: TablesConfig, name: string): () => Promise<QueueClient> {
  let ready: Promise<QueueClient> | undefined;
  return () => {
    ready ??= (async () => {
      const q = config.identity
        ? new QueueClient(`${config.identity.queueServiceUri.replace(/\/$/, '')}/${name}`, config.identity.credential)
        : new QueueClient(config.connectionString, name);
      await q.createIfNotExists();
      return q;
    })().catch((err: unknown) => {
      ready = undefined;
      throw err;
    });
    return ready;
  };
}
