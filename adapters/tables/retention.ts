import type { TableClient } from '@azure/data-tables';
import { londonDate } from '../../core/calendar';
import type { Purger, RecordType } from '../../core/retention';
import { tableClient, type TablesConfig } from './client';
import { deleteIfExists, getOrUndefined, inParallel } from './entity';
import { encodeKey, odataString } from './keys';
import { ESCALATED_PREFIX, FACT_PREFIX, PAUSED } from './nudge-state';
import { TABLES } from './names';
import { EXIT_PREFIX } from './exit-store';
import { FACT_HOME_PREFIX, GATHERED_PREFIX, RECORD_COPY_SUFFIX, VOICE_BY_PREFIX, factHomeRange } from './voice-state-keys';

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

const isScanCopy = (partitionKey: string): boolean => partitionKey.startsWith(VOICE_BY_PREFIX) || partitionKey.startsWith(GATHERED_PREFIX);

/** A meeting's voice rows and the morning scan's copies of its record and facts (adapters/tables/voice-state-keys.ts). */
function withScanCopies(rows: readonly Row[]): Key[] {
  const keys: Key[] = rows.map((r) => ({ partitionKey: r.partitionKey, rowKey: r.rowKey }));
  for (const r of rows) {
    if (r.rowKey.startsWith(FACT_PREFIX)) keys.push({ partitionKey: `${VOICE_BY_PREFIX}${String(r.voiceBy)}`, rowKey: `${r.partitionKey}|${r.rowKey}` });
    if (r.rowKey.startsWith('record|')) {
      keys.push({ partitionKey: `${VOICE_BY_PREFIX}${String(r.voiceBy)}`, rowKey: `${r.partitionKey}${RECORD_COPY_SUFFIX}` });
      keys.push({ partitionKey: `${GATHERED_PREFIX}${String(r.gatheredOn)}`, rowKey: r.partitionKey });
    }
  }
  return keys;
}

/** A meeting's nudge facts in their shard (`facts|<shard>`), each with its copy by voice-by date (the same RowKey). */
async function factHomes(client: TableClient, meetingKey: string): Promise<Key[]> {
  const rows = (await rowsWhere(client, factHomeRange(meetingKey), ['PartitionKey', 'RowKey', 'voiceBy'])).filter((r) => r.rowKey.startsWith(`${meetingKey}|`));
  return rows.flatMap((r) => [
    { partitionKey: r.partitionKey, rowKey: r.rowKey },
    { partitionKey: `${VOICE_BY_PREFIX}${String(r.voiceBy)}`, rowKey: r.rowKey },
  ]);
}

const distinct = (keys: readonly Key[]): Key[] => [...new Map(keys.map((k) => [`${k.partitionKey}\u0000${k.rowKey}`, k])).values()];

/** Deletes each row (already gone is fine, so a repeated run converges); returns how many it asked to delete. */
async function remove(client: TableClient, keys: readonly Key[]): Promise<number> {
  await inParallel(keys, 8, (k) => deleteIfExists(client, k.partitionKey, k.rowKey));
  return keys.length;
}

// Every partition with this prefix whose name sorts before `<prefix><upTo>`: dates and months sort as text.
const partitionsBefore = (prefix: string, upTo: string): string => `PartitionKey ge ${odataString(prefix)} and PartitionKey lt ${odataString(prefix + upTo)}`;
// Every partition starting with this prefix ('}' sorts just after '|').
const partitionsOf = (prefix: string): string => `PartitionKey ge ${odataString(`${prefix}|`)} and PartitionKey lt ${odataString(`${prefix}}`)}`;

/** Whether a partition holds any row: reads at most one. */
async function anyIn(client: TableClient, partitionKey: string): Promise<boolean> {
  const rows = client.listEntities({ queryOptions: { filter: `PartitionKey eq ${odataString(partitionKey)}`, select: ['RowKey'] } });
  for await (const page of rows.byPage({ maxPageSize: 1 })) if (page.length > 0) return true;
  return false;
}

/** Whether a partition of full copies holds a record not marked gone (a child still open, say). */
async function anyCurrentIn(client: TableClient, partitionKey: string): Promise<boolean> {
  const rows = client.listEntities<{ goneOn?: string }>({ queryOptions: { filter: `PartitionKey eq ${odataString(partitionKey)}`, select: ['RowKey', 'goneOn'] } });
  for await (const row of rows) if (!row.goneOn) return true;
  return false;
}

/**
 * The records a `gone|YYYY-MM-DD` partition before the cutoff names, split into copies that are merely stale
 * (the record came back in a later import, or went again on another day) and records still gone since then.
 */
async function goneBefore(client: TableClient, recordPartition: string, cutoff: Date): Promise<{ stale: Key[]; gone: Row[] }> {
  const old = await rowsWhere(client, partitionsBefore('gone|', londonDate(cutoff)));
  const stale: Key[] = [];
  const gone: Row[] = [];
  for (const copy of old) {
    const record = await getOrUndefined(client, recordPartition, copy.rowKey);
    if (record && record.goneOn !== copy.goneOn) stale.push(copy); // listed again since: only the stale copy goes
    else gone.push(copy); // the copy is a full copy, so it says where the others are even if the record went first
  }
  return { stale, gone };
}

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
      const [meetings, voice] = await Promise.all([table(TABLES.meetings), table(TABLES.voice)]);
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
        // The chair's copy ("my reviews"; adapters/tables/meeting-store.ts), under the chair the record names.
        if (record?.chairId) copies.push({ partitionKey: `chair|${String(record.chairId)}`, rowKey: copy.rowKey });
        records.push({ partitionKey: 'meeting', rowKey: copy.rowKey });
        // The voice record, after-meeting answers and nudge facts share the meeting's partition; the scan's
        // copies of the record and facts are filed by date, named by what the rows say.
        voiceRows.push(...withScanCopies(await rowsWhere(voice, `PartitionKey eq ${odataString(copy.rowKey)}`, ['PartitionKey', 'RowKey', 'voiceBy', 'gatheredOn'])));
        // Its nudge facts' home, in their shard (since 5 December 2026; older ones are in the partition above).
        voiceRows.push(...(await factHomes(voice, copy.rowKey)));
      }
      // A safety net for voice evidence whose meeting has left the Meetings table (a snapshot import removed
      // it): due three months before the cutoff, so its meeting is past retention too.
      const longBefore = londonDate(new Date(cutoff.getTime() - 92 * 86_400_000));
      // (The date-filed copies are not orphans: they go by their dates, below.)
      // A fact in its shard names its meeting by the start of its RowKey.
      const orphans = new Set(
        (await rowsWhere(voice, `voiceBy lt ${odataString(longBefore)}`, ['PartitionKey', 'RowKey']))
          .map((r) => (r.partitionKey.startsWith(FACT_HOME_PREFIX) ? r.rowKey.split('|')[0]! : r.partitionKey))
          // Nor are the pauses' and the digests' escalation copies, which also carry a voice-by date: they go by
          // their own dates, below (taking them here took the whole partition, recent pauses with it).
          .filter((p) => !isScanCopy(p) && p !== PAUSED && !p.startsWith(ESCALATED_PREFIX)),
      );
      for (const p of orphans) {
        if (records.some((r) => r.rowKey === p) || (await getOrUndefined(meetings, 'meeting', p))) continue; // a meeting on file goes by its date
        voiceRows.push(...withScanCopies(await rowsWhere(voice, `PartitionKey eq ${odataString(p)}`, ['PartitionKey', 'RowKey', 'voiceBy', 'gatheredOn'])));
        voiceRows.push(...(await factHomes(voice, p)));
      }
      // What else the scan's copies filed before the cutoff hold for meetings no longer on file (a record
      // saved again with another date, a meeting that moved); a meeting on file keeps its copies.
      const scanCopies: Key[] = [];
      const onFile = new Map<string, boolean>();
      for (const r of [...(await rowsWhere(voice, partitionsBefore(VOICE_BY_PREFIX, day), ['PartitionKey', 'RowKey'])), ...(await rowsWhere(voice, partitionsBefore(GATHERED_PREFIX, day), ['PartitionKey', 'RowKey']))]) {
        const id = r.rowKey.split('|')[0]!;
        if (!onFile.has(id)) onFile.set(id, !records.some((k) => k.rowKey === id) && Boolean(await getOrUndefined(meetings, 'meeting', id)));
        if (!onFile.get(id)) scanCopies.push(r);
      }
      const runs = await rowsWhere(voice, `PartitionKey eq 'scan-run' and RowKey lt ${odataString(day)}`, ['PartitionKey', 'RowKey']);
      const digests = await rowsWhere(voice, partitionsBefore('digest|', day), ['PartitionKey', 'RowKey']);
      // The digests' copies of escalations, filed by the day they happened (adapters/tables/nudge-state.ts).
      const escalations = await rowsWhere(voice, partitionsBefore(ESCALATED_PREFIX, day), ['PartitionKey', 'RowKey']);
      // An administrator's pause of a meeting now past retention (its voice-by date is before the cutoff).
      const pauses = await rowsWhere(voice, `PartitionKey eq ${odataString(PAUSED)} and voiceBy lt ${odataString(day)}`, ['PartitionKey', 'RowKey']);
      const voiceDeleted = await remove(voice, distinct([...voiceRows, ...scanCopies, ...runs, ...digests, ...escalations, ...pauses]));
      await remove(meetings, copies);
      return { Meetings: await remove(meetings, records), Voice: voiceDeleted };
    },

    async outbox(cutoff) {
      const outbox = await table(TABLES.outbox);
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
      const examples = await table(TABLES.examples);
      const copies = await rowsWhere(examples, partitionsBefore('recorded|', londonDate(cutoff).slice(0, 7)), ['PartitionKey', 'RowKey', 'withdrawnOn']);
      // A withdrawn one's day copy goes with it (normally the withdrawn purge took it long before).
      const withdrawnCopies = copies.filter((c) => typeof c.withdrawnOn === 'string' && c.withdrawnOn).map((c) => ({ partitionKey: `withdrawn|${String(c.withdrawnOn)}`, rowKey: c.rowKey }));
      await remove(examples, [...copies, ...withdrawnCopies]);
      return { Examples: await remove(examples, copies.map((c) => ({ partitionKey: 'example', rowKey: c.rowKey }))) };
    },

    async withdrawnExamples(cutoff) {
      const examples = await table(TABLES.examples);
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
      const items = await table(TABLES.trackerItems);
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
      // Items withdrawn before withdrawal dates were recorded have no withdrawal-day copy: like old
      // examples, they go by the month they were raised.
      const undated = await rowsWhere(items, `${partitionsBefore('raised|', month)} and status eq 'withdrawn'`);
      for (const c of undated.filter((u) => !u.withdrawnOn && !records.some((r) => r.rowKey === u.rowKey))) {
        const record = await getOrUndefined(items, 'item', c.rowKey);
        if (record && record.status !== 'withdrawn') continue;
        copies.push(c, { partitionKey: `due|${String(c.dueDate ?? '').slice(0, 7)}`, rowKey: c.rowKey });
        records.push({ partitionKey: 'item', rowKey: c.rowKey });
      }
      await remove(items, copies);
      return { TrackerItems: await remove(items, records) };
    },

    async withdrawnTracker(cutoff) {
      const items = await table(TABLES.trackerItems);
      // Only the days before the cutoff: each withdrawn item has a copy under the day it was withdrawn.
      const old = await rowsWhere(items, partitionsBefore('withdrawn|', londonDate(cutoff)));
      const copies: Key[] = [];
      const records: Key[] = [];
      for (const c of old) {
        copies.push(c);
        const record = await getOrUndefined(items, 'item', c.rowKey);
        if (record && record.status !== 'withdrawn') continue; // not withdrawn after all: only the stale copy goes
        const at = (field: string) => String(c[field] ?? '').slice(0, 7);
        copies.push(
          { partitionKey: `raised|${at('raisedOn')}`, rowKey: c.rowKey },
          { partitionKey: `due|${at('dueDate')}`, rowKey: c.rowKey },
          { partitionKey: 'active', rowKey: c.rowKey },
          { partitionKey: `owner|${encodeKey(String(c.ownerId ?? ''))}`, rowKey: c.rowKey },
        );
        // Closed, then withdrawn: the month it closed has a copy too.
        if (typeof c.closedOn === 'string' && c.closedOn) copies.push({ partitionKey: `closed|${at('closedOn')}`, rowKey: c.rowKey });
        records.push({ partitionKey: 'item', rowKey: c.rowKey });
      }
      await remove(items, copies);
      return { TrackerItems: await remove(items, records) };
    },

    async forumOutcomes(cutoff) {
      const outcomes = await table(TABLES.forumOutcomes);
      // RowKey is the London date the forum met.
      const old = await rowsWhere(outcomes, `RowKey lt ${odataString(londonDate(cutoff))}`, ['PartitionKey', 'RowKey']);
      return { ForumOutcomes: await remove(outcomes, old) };
    },

    async promiseAudits(cutoff) {
      // functions/wiring/digests.ts TablePromiseAuditStore: one partition per UTC month of the audit's `at`
      // (YYYY-MM), so the months before the cutoff's hold only audits recorded before it.
      const audits = await table(TABLES.promiseAudits);
      const old = await rowsWhere(audits, `PartitionKey lt ${odataString(cutoff.toISOString().slice(0, 7))}`, ['PartitionKey', 'RowKey']);
      return { PromiseAudits: await remove(audits, old) };
    },

    async caseAudits(cutoff) {
      // adapters/tables/case-audit-store.ts: one partition per London month sampled (YYYY-MM), one row per audit.
      const audits = await table(TABLES.caseAudits);
      const old = await rowsWhere(audits, `PartitionKey lt ${odataString(londonDate(cutoff).slice(0, 7))}`, ['PartitionKey', 'RowKey']);
      return { CaseAudits: await remove(audits, old) };
    },

    async children(cutoff) {
      const [children, meetings] = await Promise.all([table(TABLES.children), table(TABLES.meetings)]);
      const { stale, gone } = await goneBefore(children, 'child', cutoff);
      const copies: Key[] = [...stale];
      const records: Key[] = [];
      for (const c of gone) {
        // A meeting of theirs still on file (the meetings purge has not reached it) keeps the child, so no
        // voice evidence is left naming a child the system no longer knows; a later night checks again.
        if (await anyIn(meetings, `child|${c.rowKey}`)) continue;
        copies.push(
          c,
          { partitionKey: `worker|${encodeKey(String(c.workerId))}`, rowKey: c.rowKey },
          { partitionKey: `team|${encodeKey(String(c.teamId))}`, rowKey: c.rowKey },
        );
        records.push({ partitionKey: 'child', rowKey: c.rowKey });
      }
      await remove(children, copies);
      return { Children: await remove(children, records) };
    },

    async people(cutoff) {
      const [people, conversations, voice, children] = await Promise.all([table(TABLES.people), table(TABLES.conversations), table(TABLES.voice), table(TABLES.children)]);
      const { stale, gone: left } = await goneBefore(people, 'person', cutoff);
      // Someone still named as a child's allocated worker stays until the children import moves the child:
      // deleting them would leave that child's nudges with nobody to go to.
      const gone: typeof left = [];
      for (const p of left) if (!(await anyCurrentIn(children, `worker|${String(p.rowKey)}`))) gone.push(p);
      const copies: Key[] = [...stale];
      const records: Key[] = [];
      const chats: Key[] = [];
      for (const p of gone) {
        const id = String(p.rowKey);
        copies.push(p);
        if (typeof p.teamId === 'string' && p.teamId) copies.push({ partitionKey: `team|${encodeKey(p.teamId)}`, rowKey: id });
        // A UPN can be given to someone new: their copy is theirs, not the leaver's.
        const upn = { partitionKey: 'upn', rowKey: encodeKey(String(p.upn ?? '').trim().toLowerCase()) };
        if ((await getOrUndefined(people, upn.partitionKey, upn.rowKey))?.id === p.id) copies.push(upn);
        // Their 1:1 chat reference (adapters/tables/conversation-store.ts: `person:<id>`), if the app ever reached them.
        if (await getOrUndefined(conversations, 'person', id)) chats.push({ partitionKey: 'person', rowKey: id });
        records.push({ partitionKey: 'person', rowKey: id });
      }
      // Leave cover they set (their own `cover|<id>` partition) or were named in as the colleague: nothing
      // should route a message to someone who has left. One read of the cover partitions for every leaver.
      const leavers = new Set(gone.map((p) => String(p.id)));
      const partitions = new Set(gone.map((p) => `cover|${String(p.rowKey)}`));
      const covers = leavers.size === 0 ? [] : await rowsWhere(voice, partitionsOf('cover'), ['PartitionKey', 'RowKey', 'coverId']);
      const voiceDeleted = await remove(voice, covers.filter((c) => partitions.has(c.partitionKey) || leavers.has(String(c.coverId))));
      const chatsDeleted = await remove(conversations, chats);
      await remove(people, copies);
      return { People: await remove(people, records), Conversations: chatsDeleted, Voice: voiceDeleted };
    },

    async teams(cutoff) {
      const [teams, children, people] = await Promise.all([table(TABLES.teams), table(TABLES.children), table(TABLES.people)]);
      // Tens of teams, all in one partition: the service returns only those gone before the cutoff.
      const old = await rowsWhere(teams, `PartitionKey eq 'team' and goneOn lt ${odataString(londonDate(cutoff))}`, ['PartitionKey', 'RowKey']);
      const records: Key[] = [];
      for (const t of old) {
        // Still named by a child or a person (even one waiting for their own purge): the team stays.
        if ((await anyIn(children, `team|${t.rowKey}`)) || (await anyIn(people, `team|${t.rowKey}`))) continue;
        records.push(t);
      }
      return { Teams: await remove(teams, records) };
    },

    async cover(cutoff) {
      const voice = await table(TABLES.voice);
      // Only the cover partitions, which this purge keeps to current leave plus the retention period.
      const ended = await rowsWhere(voice, `${partitionsOf('cover')} and to lt ${odataString(londonDate(cutoff))}`, ['PartitionKey', 'RowKey']);
      return { Voice: await remove(voice, ended) };
    },

    async exits(cutoff) {
      // adapters/tables/exit-store.ts: `exit|YYYY-MM` partitions by the month the episode ended, in the Voice table.
      const voice = await table(TABLES.voice);
      const day = londonDate(cutoff);
      const filter = `PartitionKey ge ${odataString(EXIT_PREFIX)} and PartitionKey le ${odataString(EXIT_PREFIX + day.slice(0, 7))} and endedOn lt ${odataString(day)}`;
      return { Voice: await remove(voice, await rowsWhere(voice, filter, ['PartitionKey', 'RowKey'])) };
    },

    async surveysActivities(cutoff) {
      // adapters/tables/participation-store.ts: surveys in partition `survey` (by the day they closed, `to`);
      // activities in `activity|YYYY-MM` partitions by the month they took place.
      const participation = await table(TABLES.participation);
      const day = londonDate(cutoff);
      const surveys = await rowsWhere(participation, `PartitionKey eq 'survey' and to lt ${odataString(day)}`, ['PartitionKey', 'RowKey']);
      const activities = await rowsWhere(participation, `PartitionKey ge 'activity|' and PartitionKey le ${odataString(`activity|${day.slice(0, 7)}`)} and on lt ${odataString(day)}`, ['PartitionKey', 'RowKey']);
      return { SurveysActivities: await remove(participation, [...surveys, ...activities]) };
    },

    async importJobs(cutoff) {
      const [jobs, bodies] = await Promise.all([table(TABLES.importJobs), table(TABLES.importBodies)]);
      const old = await rowsWhere(jobs, `PartitionKey eq 'job' and submittedAt lt ${odataString(cutoff.toISOString())}`, ['PartitionKey', 'RowKey']);
      // A body is deleted when its import finishes; one left by a crash goes with its result.
      const leftBodies: Key[] = [];
      for (const j of old) leftBodies.push(...(await rowsWhere(bodies, `PartitionKey eq ${odataString(j.rowKey)}`, ['PartitionKey', 'RowKey'])));
      await remove(bodies, leftBodies);
      // The admin card's list of files refused or rejected whole (`problem` / `<ISO time>|<id>`) goes with them.
      const problems = await rowsWhere(jobs, `PartitionKey eq 'problem' and RowKey lt ${odataString(cutoff.toISOString())}`, ['PartitionKey', 'RowKey']);
      return { ImportJobs: await remove(jobs, [...old, ...problems]) };
    },

    async audit(cutoff) {
      const audit = await table(TABLES.audit);
      // RowKey starts with the ISO instant; the trail is append-only, so this is the only delete it ever sees.
      const old = await rowsWhere(audit, `RowKey lt ${odataString(cutoff.toISOString())}`, ['PartitionKey', 'RowKey']);
      return { Audit: await remove(audit, old) };
    },
  };
}
