import type { LazyClient } from './entity';
import { ChildSchema, type Child } from '../../core/model';
import type { ChildStore, Versioned } from '../../core/ports';
import { IndexedTable } from './indexed-table';
import { encodeKey } from './keys';

/** A child whose case has closed is kept only for retention: not counted among the council's children. */
const current = (children: Child[]): Child[] => children.filter((c) => !c.goneOn);

/**
 * Children table. `child` / ref: the record. `worker|<id>` / ref and `team|<id>` / ref: copies,
 * so "my children" and "my team's children" each read one partition. `gone|YYYY-MM-DD` / ref: a copy of
 * a child a snapshot import left out, by the day it did, so the purge reads only old days.
 * A gone child is still found by `get`, and by worker and team (their remaining meetings are still theirs
 * to see, and reports on past periods still place them), but `list` (the current cohort) leaves them out.
 */
export class TableChildStore implements ChildStore {
  private readonly table: IndexedTable<Child>;

  constructor(client: LazyClient) {
    this.table = new IndexedTable<Child>({
      client,
      schema: ChildSchema,
      recordPartition: 'child',
      idOf: (c) => c.ref,
      copiesOf: (c) => [
        { partitionKey: `worker|${encodeKey(c.workerId)}`, rowKey: encodeKey(c.ref) },
        { partitionKey: `team|${encodeKey(c.teamId)}`, rowKey: encodeKey(c.ref) },
        ...(c.goneOn ? [{ partitionKey: `gone|${c.goneOn}`, rowKey: encodeKey(c.ref) }] : []),
      ],
      jsonFields: ['groups', 'formerTeams'],
    });
  }

  get = (ref: string): Promise<Versioned<Child> | undefined> => this.table.get(ref);
  getMany = (refs: readonly string[]): Promise<Map<string, Child>> => this.table.getMany(refs);
  upsertMany = (children: readonly Child[]): Promise<void> => this.table.upsertMany(children);
  /** Replaces a child only if unchanged since `etag`; DomainError('CONFLICT') otherwise. */
  update = (child: Child, etag: string): Promise<string> => this.table.update(child, etag, `Child ${child.ref}`);
  listByWorker = (workerId: string): Promise<Child[]> => this.table.listPartition(`worker|${encodeKey(workerId)}`);
  listByTeam = (teamId: string): Promise<Child[]> => this.table.listPartition(`team|${encodeKey(teamId)}`);
  list = async (): Promise<Child[]> => current(await this.table.listPartition('child'));
}
