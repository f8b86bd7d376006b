import type { TableClient } from '@azure/data-tables';
import { londonDate } from '../../core/calendar/working-days';
import type { Purger, RecordType } from '../../core/retention';
import { tableClient, type TablesConfig } from './client';
import { deleteIfExists, getOrUndefined, inParallel } from './entity';
import { encodeKey, odataString } from './keys';
import { ESCALATED_PREFIX, PAUSED } from './nudge-state';

type Row = Record<string, unknown> & { partitionKey: string; rowKey: string };
interface Key {
  partitionKey: string;
  rowKey: string;
}

async function rowsWhere(client: TableClient, filter: string, select?: string[]): Promise<Row[]> {
  const out: Row[] = [];
  for await (const e of client.listEntities<Record<string, unknown>>({ queryOptions: { filter, ...(select ? { select } : {}) } })) out.push(e as Row);
  return out;
}

/** Deletes each row (already gone is fine, so a repeated run converges); returns how many it asked to delete. */
async function remove(client: TableClient, keys: readonly Key[]): Promise<number> {
  await inParallel(keys, 8, (k) => deleteIfExists(client, k.partitionKey, k.rowKey));
  return keys.length;
}

// Every partition with this prefix whose name sorts before `<prefix><upTo>`: dates and months sort as text.
const partitionsBefore = (prefix: string, upTo: string): string => `PartitionKey ge ${odataString(prefix)} and PartitionKey lt ${odataString(prefix + upTo)}`;

/**
 * The purge on Table Storage, one function per record type, each reading only what is old: the day,
 * month and time partitions the stores already keep (docs/storage.md), never the whole history.
 * A record goes with every copy of it; the record itself last, so a run that stops half-way is finished
 * by the next one.
 */
export function tablePurgers(tables: TablesConfig): Record<RecordType, Purger> {
  const table = (name: string) => tableClient(tables, name);
  return {
    async meetings(cutoff) {
      const [meetings, voice] = await Promise.all([table('Meetings'), table('Voice')]);
      const day = londonDate(cutoff);
      const old = await rowsWhere(meetings, partitionsBefore('day|', day), ['PartitionKey', 'RowKey', 'childRef', 'start']);
      const copies: Key[] = [];
      const records: Key[] = [];
      const voiceRows: Key[] = [];
      for (const copy of old) {
        copies.push(copy);
        const record = await getOrUndefined(meetings, 'meeting', copy.rowKey);
        if (record && new Date(String(record.start)) >= cutoff) continue; // moved later: only the stale copy goes
        copies.push({ partitionKey: `child|${encodeKey(String(copy.childRef))}`, rowKey: copy.rowKey });
        records.push({ partitionKey: 'meeting', rowKey: copy.rowKey });
        // The voice record, after-meeting answers and nudge facts share the meeting's partition.
        voiceRows.push(...(await rowsWhere(voice, `PartitionKey eq ${odataString(copy.rowKey)}`, ['PartitionKey', 'RowKey'])));
      }
      // A safety net for voice evidence whose meeting has left the Meetings table (a snapshot import removed
      // it): due three months before the cutoff, so its meeting is past retention too.
      const longBefore = londonDate(new Date(cutoff.getTime() - 92 * 86_400_000));
      const orphans = new Set((await rowsWhere(voice, `voiceBy lt ${odataString(longBefore)}`, ['PartitionKey'])).map((r) => r.partitionKey));
      for (const p of orphans) {
        if (records.some((r) => r.rowKey === p) || (await getOrUndefined(meetings, 'meeting', p))) continue; // a meeting on file goes by its date
        voiceRows.push(...(await rowsWhere(voice, `PartitionKey eq ${odataString(p)}`, ['PartitionKey', 'RowKey'])));
      }
      const runs = await rowsWhere(voice, `PartitionKey eq 'scan-run' and RowKey lt ${odataString(day)}`, ['PartitionKey', 'RowKey']);
      const digests = await rowsWhere(voice, partitionsBefore('digest|', day), ['PartitionKey', 'RowKey']);
      // The digests' copies of escalations, filed by the day they happened (adapters/tables/nudge-state.ts).
      const escalations = await rowsWhere(voice, partitionsBefore(ESCALATED_PREFIX, day), ['PartitionKey', 'RowKey']);
      // An administrator's pause of a meeting now past retention (its voice-by date is before the cutoff).
      const pauses = await rowsWhere(voice, `PartitionKey eq ${odataString(PAUSED)} and voiceBy lt ${odataString(day)}`, ['PartitionKey', 'RowKey']);
      const voiceDeleted = await remove(voice, [...voiceRows, ...runs, ...digests, ...escalations, ...pauses]);
      await remove(meetings, copies);
      return { Meetings: await remove(meetings, records), Voice: voiceDeleted };
    },

    async outbox(cutoff) {
      const outbox = await table('Outbox');
      const finished = "(status eq 'sent' or status eq 'failed' or status eq 'parked')";
      const rows = await rowsWhere(outbox, `RowKey ge 'm|' and RowKey lt 'm}' and ${finished} and enqueuedAt lt ${odataString(cutoff.toISOString())}`, [
        'PartitionKey',
        'RowKey',
        'dueRow',
      ]);
      const due = rows.filter((r) => typeof r.dueRow === 'string' && r.dueRow).map((r) => ({ partitionKey: r.partitionKey, rowKey: String(r.dueRow) }));
      await remove(outbox, due);
      return { Outbox: await remove(outbox, rows) };
    },

    async examples(cutoff) {
      const examples = await table('Examples');
      const copies = await rowsWhere(examples, partitionsBefore('recorded|', londonDate(cutoff).slice(0, 7)), ['PartitionKey', 'RowKey', 'withdrawnOn']);
      // A withdrawn one's day copy goes with it (normally the withdrawn purge took it long before).
      const withdrawnCopies = copies.filter((c) => typeof c.withdrawnOn === 'string' && c.withdrawnOn).map((c) => ({ partitionKey: `withdrawn|${String(c.withdrawnOn)}`, rowKey: c.rowKey }));
      await remove(examples, [...copies, ...withdrawnCopies]);
      return { Examples: await remove(examples, copies.map((c) => ({ partitionKey: 'example', rowKey: c.rowKey }))) };
    },

    async withdrawnExamples(cutoff) {
      const examples = await table('Examples');
      // Only the days before the cutoff: each withdrawn example has a copy under the day it was withdrawn.
      const old = await rowsWhere(examples, partitionsBefore('withdrawn|', londonDate(cutoff)), ['PartitionKey', 'RowKey', 'recordedOn']);
      const copies: Key[] = [];
      const records: Key[] = [];
      for (const c of old) {
        copies.push(c);
        const record = await getOrUndefined(examples, 'example', c.rowKey);
        if (record && record.status !== 'withdrawn') continue; // not withdrawn after all: only the stale copy goes
        copies.push({ partitionKey: `recorded|${String(c.recordedOn ?? '').slice(0, 7)}`, rowKey: c.rowKey });
        records.push({ partitionKey: 'example', rowKey: c.rowKey });
      }
      await remove(examples, copies);
      return { Examples: await remove(examples, records) };
    },

    async tracker(cutoff) {
      const items = await table('TrackerItems');
      const month = londonDate(cutoff).slice(0, 7);
      const closed = await rowsWhere(items, partitionsBefore('closed|', month));
      const copies: Key[] = [];
      const records: Key[] = [];
      for (const c of closed) {
        copies.push(c);
        const record = await getOrUndefined(items, 'item', c.rowKey);
        if (record && !(typeof record.closedOn === 'string' && record.closedOn.slice(0, 7) < month)) continue; // reopened
        const at = (field: string) => String(c[field] ?? '').slice(0, 7);
        copies.push(
          { partitionKey: `raised|${at('raisedOn')}`, rowKey: c.rowKey },
          { partitionKey: `due|${at('dueDate')}`, rowKey: c.rowKey },
          { partitionKey: 'active', rowKey: c.rowKey },
          { partitionKey: `owner|${encodeKey(String(c.ownerId ?? ''))}`, rowKey: c.rowKey },
        );
        records.push({ partitionKey: 'item', rowKey: c.rowKey });
      }
      await remove(items, copies);
      return { TrackerItems: await remove(items, records) };
    },

    async forumOutcomes(cutoff) {
      const outcomes = await table('ForumOutcomes');
      // RowKey is the London date the forum met.
      const old = await rowsWhere(outcomes, `RowKey lt ${odataString(londonDate(cutoff))}`, ['PartitionKey', 'RowKey']);
      return { ForumOutcomes: await remove(outcomes, old) };
    },

    async promiseAudits(cutoff) {
      // functions/digest-services.ts TablePromiseAuditStore: one partition per UTC month of the audit's `at`
      // (YYYY-MM), so the months before the cutoff's hold only audits recorded before it.
      const audits = await table('PromiseAudits');
      const old = await rowsWhere(audits, `PartitionKey lt ${odataString(cutoff.toISOString().slice(0, 7))}`, ['PartitionKey', 'RowKey']);
      return { PromiseAudits: await remove(audits, old) };
    },

    async importJobs(cutoff) {
      const [jobs, bodies] = await Promise.all([table('ImportJobs'), table('ImportBodies')]);
      const old = await rowsWhere(jobs, `PartitionKey eq 'job' and submittedAt lt ${odataString(cutoff.toISOString())}`, ['PartitionKey', 'RowKey']);
      // A body is deleted when its import finishes; one left by a crash goes with its result.
      const leftBodies: Key[] = [];
      for (const j of old) leftBodies.push(...(await rowsWhere(bodies, `PartitionKey eq ${odataString(j.rowKey)}`, ['PartitionKey', 'RowKey'])));
      await remove(bodies, leftBodies);
      return { ImportJobs: await remove(jobs, old) };
    },

    async audit(cutoff) {
      const audit = await table('Audit');
      // RowKey starts with the ISO instant; the trail is append-only, so this is the only delete it ever sees.
      const old = await rowsWhere(audit, `RowKey lt ${odataString(cutoff.toISOString())}`, ['PartitionKey', 'RowKey']);
      return { Audit: await remove(audit, old) };
    },
  };
}
