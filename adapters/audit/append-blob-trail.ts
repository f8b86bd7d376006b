import type { ContainerClient } from '@azure/storage-blob';
import { AuditEntrySchema, type AuditEntry } from '../../core/model';
import type { AuditReader } from '../../core/audit';
import type { TablesConfig } from '../tables/client';
import { inParallel, statusOf } from '../tables/entity';

/**
 * The audit trail's record of truth: append blobs in the `audit-trail` container, which in Azure carries a
 * time-based immutability policy with protected append writes (infra/modules/storage.bicep). There an entry,
 * once appended, cannot be changed or deleted by anyone, the app's own identity included, until its
 * retention has passed. One blob per UTC day (`<prefix>/<yyyy-mm-dd>.jsonl`, one JSON line per entry), so a
 * month's export reads about 31 blobs; a day that reaches an append blob's 50,000 blocks goes on in
 * `<yyyy-mm-dd>.1.jsonl`, `.2.jsonl`...
 *
 * This module only ever creates a blob if it does not exist (If-None-Match: *), appends, lists and reads:
 * never an upload, a delete or a metadata write (tests/integration/audit-trail.test.ts checks the source).
 */
export const AUDIT_CONTAINER = 'audit-trail';
const MAX_SEGMENTS = 100;
/** The most one appended block carries (an append blob's block may hold 4 MiB). */
const BLOCK_BYTES = 4 * 1024 * 1024 - 1024;

// Few, quick retries, as for the tables (adapters/tables/client.ts): an audited card submit must still be
// answered within Teams' 5 s, so an outage has to surface in about a second; the SDK's default waits ~30 s.
const options = { retryOptions: { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 800, tryTimeoutInMs: 10_000 } };

/** The audit container by the same route as the tables: the managed identity in Azure, the connection string locally. */
// The blob SDK is loaded on the trail's first use: a bot message that audits nothing does not load it.
export async function auditContainer(config: TablesConfig): Promise<ContainerClient> {
  const { BlobServiceClient } = await import('@azure/storage-blob');
  if (config.identity) {
    // Fail closed: without the blob endpoint there is no trail, so nothing that must be audited may happen.
    if (!config.identity.blobServiceUri) throw new Error('STORAGE_CONNECTION__blobServiceUri is not set: the audit trail needs the blob endpoint');
    return new BlobServiceClient(config.identity.blobServiceUri, config.identity.credential, options).getContainerClient(AUDIT_CONTAINER);
  }
  return BlobServiceClient.fromConnectionString(config.connectionString, options).getContainerClient(AUDIT_CONTAINER);
}

/** The trail of an environment: the audit container, a folder per table prefix. */
export const auditTrailOf = (config: TablesConfig): AppendBlobAuditTrail => new AppendBlobAuditTrail(() => auditContainer(config), config.prefix ?? '');

/** A download's body as text (one GET; downloadToBuffer would ask for the properties first). */
async function readText(download: { readableStreamBody?: NodeJS.ReadableStream }): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of download.readableStreamBody ?? []) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

const dayOf = (at: string): string => new Date(at).toISOString().slice(0, 10);

const codeOf = (err: unknown): string => String((err as { code?: string; details?: { errorCode?: string } }).details?.errorCode ?? (err as { code?: string }).code ?? '');

export class AppendBlobAuditTrail implements AuditReader {
  /** The segment each day is being written to, so a full blob is found once per process. */
  private readonly segments = new Map<string, number>();
  /** Blobs this process has made sure exist (true), or found gone (false). */
  private readonly created = new Map<string, boolean>();
  private containerReady: Promise<unknown> | undefined;
  private made: Promise<ContainerClient> | undefined;

  constructor(
    /** Made on first use, so a missing blob endpoint fails the first audited action, not the app's start. */
    private readonly make: () => Promise<ContainerClient>,
    /** A folder per environment (TABLE_PREFIX), so tests and environments can share one container. */
    private readonly prefix = '',
  ) {}

  private container(): Promise<ContainerClient> {
    this.made ??= this.make().catch((err: unknown) => {
      this.made = undefined; // a missing endpoint fails each audited action, as before, rather than once
      throw err;
    });
    return this.made;
  }

  private get folder(): string {
    return this.prefix ? `${this.prefix}/` : '';
  }

  private blobName(at: string, segment: number): string {
    return `${this.folder}${dayOf(at)}${segment ? `.${segment}` : ''}.jsonl`;
  }

  /** Appends one entry as one block: atomic, and never over anything already there. */
  async append(entry: AuditEntry): Promise<void> {
    await this.appendLines(entry.at, `${JSON.stringify(AuditEntrySchema.parse(entry))}\n`);
  }

  /**
   * Many entries (the morning scan's), their lines in one block per day's blob (a block holds up to 4 MiB;
   * more goes in further blocks): each block atomic, so the trail never holds part of an entry.
   */
  async appendMany(entries: readonly AuditEntry[]): Promise<void> {
    const byDay = new Map<string, { at: string; lines: string[] }>();
    for (const e of entries) {
      const day = dayOf(e.at);
      const group = byDay.get(day) ?? { at: e.at, lines: [] };
      group.lines.push(`${JSON.stringify(AuditEntrySchema.parse(e))}\n`);
      byDay.set(day, group);
    }
    for (const { at, lines } of byDay.values()) {
      let block = '';
      for (const line of lines) {
        if (block && Buffer.byteLength(block) + Buffer.byteLength(line) > BLOCK_BYTES) {
          await this.appendLines(at, block);
          block = '';
        }
        block += line;
      }
      if (block) await this.appendLines(at, block);
    }
  }

  private async appendLines(at: string, text: string): Promise<void> {
    const key = this.blobName(at, 0);
    for (let segment = this.segments.get(key) ?? 0, tries = 0; segment < MAX_SEGMENTS && tries < MAX_SEGMENTS + 3; tries++) {
      const name = this.blobName(at, segment);
      const blob = (await this.container()).getAppendBlobClient(name);
      try {
        // Created once per process and day (If-None-Match: *, so an existing blob is left exactly as it is).
        if (!this.created.get(name)) {
          await this.ensureContainer();
          await blob.createIfNotExists({ blobHTTPHeaders: { blobContentType: 'application/x-ndjson' } });
          this.created.set(name, true);
        }
        await blob.appendBlock(text, Buffer.byteLength(text));
        this.segments.set(key, segment);
        return;
      } catch (err) {
        if (codeOf(err) === 'BlockCountExceedsLimit') segment++;
        else if (statusOf(err) === 404) this.forget(name); // deleted past its retention meanwhile: create again
        else throw err;
      }
    }
    throw new Error(`audit trail: could not append to ${key} (every segment full, or the blob kept disappearing)`);
  }

  private forget(name: string): void {
    this.created.set(name, false);
    this.containerReady = undefined;
  }

  private ensureContainer(): Promise<unknown> {
    this.containerReady ??= this.container().then((c) => c.createIfNotExists()).catch((err: unknown) => {
      this.containerReady = undefined;
      throw err;
    });
    return this.containerReady;
  }

  /** Every entry written for an instant in [from, to), oldest first: one listing per month, the days' blobs read whole. */
  async listBetween(from: Date, to: Date): Promise<AuditEntry[]> {
    const [first, last] = [dayOf(from.toISOString()), dayOf(new Date(to.getTime() - 1).toISOString())];
    const folder = this.folder;
    const names: string[] = [];
    try {
      for (let month = new Date(`${first.slice(0, 7)}-01T00:00:00.000Z`); month.toISOString().slice(0, 7) <= last.slice(0, 7); month.setUTCMonth(month.getUTCMonth() + 1)) {
        for await (const b of (await this.container()).listBlobsFlat({ prefix: `${folder}${month.toISOString().slice(0, 7)}` })) {
          const day = b.name.slice(folder.length, folder.length + 10);
          if (day >= first && day <= last) names.push(b.name);
        }
      }
    } catch (err) {
      if (codeOf(err) === 'ContainerNotFound') return [];
      throw err;
    }
    const out: AuditEntry[] = [];
    await inParallel(names, 8, async (name) => {
      const text = await readText(await (await this.container()).getBlobClient(name).download());
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        const entry = AuditEntrySchema.parse(JSON.parse(line));
        const at = new Date(entry.at);
        if (at >= from && at < to) out.push(entry);
      }
    });
    return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }
}
