import type { TableEntity, TransactionAction } from '@azure/data-tables';
import type { QueueClient } from '@azure/storage-queue';
import { ImportProblemSchema, LastAppliedSchema, type ImportProblem, type ImportProblemLog, type LastApplied } from '../../core/admin';
import { ImportPlanSchema, ImportResultSchema, type ImportKind, type ImportPlan, type ImportResult } from '../../core/intake';
import { fromEntity, getOrUndefined, listPartition, statusOf, toProperties, type LazyClient } from './entity';
import type { TablesConfig } from './client';
import { encodeKey, odataString } from './keys';

/** The import held for a kind: its id, the key of its file's content (kind, mode, window, body), and the row's ETag. */
export interface HeldPointer {
  importId: string;
  contentKey?: string;
  etag: string;
}

/** Table Storage caps a string property at 64 KiB (32K UTF-16 characters): bodies are stored in chunks below that. */
const CHUNK_CHARS = 30_000;
/** A stored result keeps this many rejections and warnings; the counts stay exact. */
const KEEP_PROBLEMS = 100;

/**
 * Background imports. `ImportJobs`: one row per import (`job` / id), the result as GET /api/import/status
 * shows it; and `held` / kind: the import of that kind waiting for an administrator, if any. `ImportBodies`: a
 * large file's text in chunks (`<id>` / `00000`, `00001`, ...), read back by the queue worker and then deleted;
 * a held import's file and plan (`<id>` and `plan|<id>`), kept until it is confirmed, discarded or superseded.
 * The queue carries only a pointer (or a small body inline). `problem` / `<ISO time>|<id>`: a file refused or
 * rejected whole, in card-safe words, for the admin card (purged with the results, importJobsDays). `last` / kind:
 * the last import of that kind applied, for the admin card's "last nightly files".
 */
export class ImportJobs implements ImportProblemLog {
  constructor(
    private readonly jobs: LazyClient,
    private readonly bodies: LazyClient,
    private readonly queue: () => Promise<QueueClient>,
  ) {}

  async save(result: ImportResult): Promise<void> {
    const { plan: _ids, ...counts } = result; // the ids can run to thousands: a held import's plan is kept as a body
    const kept = ImportResultSchema.parse({
      ...counts,
      rejected: result.rejected.slice(0, KEEP_PROBLEMS),
      warnings: result.warnings.slice(0, KEEP_PROBLEMS),
    });
    const entity = { partitionKey: 'job', rowKey: encodeKey(result.id), ...toProperties(kept) };
    await (await this.jobs()).upsertEntity(entity, 'Replace');
    // The last file of each kind that was applied, for the admin card (`last` / kind: four rows at most, no child's data).
    if (result.status === 'done' && !result.dryRun) {
      await (await this.jobs()).upsertEntity({ partitionKey: 'last', rowKey: result.kind, importId: result.id, at: result.finishedAt ?? result.submittedAt }, 'Replace');
    }
  }

  /** The last import of each kind that was applied (done, not a dry run): one partition of at most four rows. */
  async lastApplied(): Promise<LastApplied[]> {
    const rows = await listPartition(await this.jobs(), 'last');
    return rows.map((r) => LastAppliedSchema.parse({ kind: r.rowKey, importId: r.importId, at: r.at }));
  }

  async get(id: string): Promise<ImportResult | undefined> {
    const e = await getOrUndefined(await this.jobs(), 'job', encodeKey(id));
    return e ? fromEntity(ImportResultSchema, e, ['rejected', 'warnings', 'ignoredColumns', 'window', 'file', 'notes', 'hold']) : undefined;
  }

  /** The import of this kind waiting for an administrator, if any (one per kind: a newer one supersedes it). */
  async heldId(kind: ImportKind): Promise<string | undefined> {
    const e = await getOrUndefined(await this.jobs(), 'held', kind);
    return e ? String(e.importId) : undefined;
  }

  async setHeld(kind: ImportKind, importId: string | undefined): Promise<void> {
    const client = await this.jobs();
    if (importId) await client.upsertEntity({ partitionKey: 'held', rowKey: kind, importId }, 'Replace');
    else await client.deleteEntity('held', kind).catch((err: unknown) => {
      if (statusOf(err) !== 404) throw err; // already cleared
    });
  }

  /** The held pointer with its content key and ETag, to change it only if nobody else has meanwhile. */
  async heldPointer(kind: ImportKind): Promise<HeldPointer | undefined> {
    const e = await getOrUndefined(await this.jobs(), 'held', kind);
    return e ? { importId: String(e.importId), ...(e.contentKey ? { contentKey: String(e.contentKey) } : {}), etag: String(e.etag) } : undefined;
  }

  /**
   * Makes this import the one held for its kind, if the pointer is still as it was read (`etag`), or absent
   * (`undefined`): false when another import claimed it meanwhile (two files posted at once).
   */
  async claimHeld(kind: ImportKind, importId: string, contentKey: string, etag: string | undefined): Promise<boolean> {
    const client = await this.jobs();
    const row = { partitionKey: 'held', rowKey: kind, importId, contentKey };
    try {
      if (etag) await client.updateEntity(row, 'Replace', { etag });
      else await client.createEntity(row);
      return true;
    } catch (err) {
      if (statusOf(err) === 409 || statusOf(err) === 412 || statusOf(err) === 404) return false;
      throw err;
    }
  }

  /** Clears the held pointer if it is still as it was read; a pointer changed or cleared meanwhile is left. */
  async releaseHeld(kind: ImportKind, etag: string): Promise<void> {
    await (await this.jobs()).deleteEntity('held', kind, { etag }).catch((err: unknown) => {
      if (statusOf(err) !== 404 && statusOf(err) !== 412) throw err;
    });
  }

  async noteProblem(problem: ImportProblem): Promise<void> {
    const p = ImportProblemSchema.parse(problem);
    await (await this.jobs()).upsertEntity({ partitionKey: 'problem', rowKey: `${p.at}|${encodeKey(p.id)}`, ...toProperties(p) }, 'Replace');
  }

  /** One range of one partition: as many rows as imports stopped since then. */
  async listProblems(since: Date): Promise<ImportProblem[]> {
    const filter = `PartitionKey eq 'problem' and RowKey ge ${odataString(since.toISOString())}`;
    const out: ImportProblem[] = [];
    for await (const e of (await this.jobs()).listEntities<Record<string, unknown>>({ queryOptions: { filter } })) out.push(fromEntity(ImportProblemSchema, e));
    return out.sort((a, b) => b.at.localeCompare(a.at));
  }

  /** Every held import's id, by kind. */
  async listHeld(): Promise<{ kind: ImportKind; importId: string }[]> {
    const rows = await listPartition(await this.jobs(), 'held');
    return rows.map((r) => ({ kind: String(r.rowKey) as ImportKind, importId: String(r.importId) }));
  }

  /** What a held import would mark gone and cancel, kept beside its file until it is resolved. */
  putPlan(id: string, plan: ImportPlan): Promise<number> {
    return this.putBody(`plan|${id}`, JSON.stringify(plan));
  }

  async getPlan(id: string): Promise<ImportPlan | undefined> {
    const text = await this.getBody(`plan|${id}`);
    return text === undefined ? undefined : ImportPlanSchema.parse(JSON.parse(text));
  }

  /** Removes a held import's file and plan. */
  async dropHeld(id: string): Promise<void> {
    await this.deleteBody(id);
    await this.deleteBody(`plan|${id}`);
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
      // Loaded here, when a queue is first used: a bot message that queues nothing does not load the queue SDK.
      const { QueueClient } = await import('@azure/storage-queue');
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
