import type { LazyClient } from './entity';
import { PersonSchema, type Person } from '../../core/model';
import type { PersonStore, Versioned } from '../../core/ports';
import { IndexedTable } from './indexed-table';
import { encodeKey } from './keys';

/** UPNs compare case-insensitively (Entra does), so the index holds them lower-cased. */
const upnKey = (upn: string): string => encodeKey(upn.trim().toLowerCase());

/** A leaver is kept only for retention: `list` (whom to offer, whom to pick) leaves them out. */
const current = (people: Person[]): Person[] => people.filter((p) => !p.goneOn);

/**
 * People table. `person` / id: the record. `upn` / upn and `team|<id>` / id: copies, so a sign-in
 * lookup and a team's members each read one partition. `gone|YYYY-MM-DD` / id: a copy of a person a
 * snapshot import left out, by that day, so the purge reads only old days. `listByTeam` still includes
 * them: a manager must still see the open actions a leaver owned, to hand them over.
 */
export class TablePersonStore implements PersonStore {
  private readonly table: IndexedTable<Person>;

  constructor(client: LazyClient) {
    this.table = new IndexedTable<Person>({
      client,
      schema: PersonSchema,
      recordPartition: 'person',
      idOf: (p) => p.id,
      copiesOf: (p) => [
        { partitionKey: 'upn', rowKey: upnKey(p.upn) },
        ...(p.teamId ? [{ partitionKey: `team|${encodeKey(p.teamId)}`, rowKey: encodeKey(p.id) }] : []),
        ...(p.goneOn ? [{ partitionKey: `gone|${p.goneOn}`, rowKey: encodeKey(p.id) }] : []),
      ],
      jsonFields: ['roles'],
    });
  }

  get = async (id: string): Promise<Person | undefined> => (await this.table.get(id))?.value;
  getVersioned = (id: string): Promise<Versioned<Person> | undefined> => this.table.get(id);
  getMany = (ids: readonly string[]): Promise<Map<string, Person>> => this.table.getMany(ids);
  getByUpn = (upn: string): Promise<Person | undefined> => this.table.getCopy('upn', upnKey(upn));
  upsertMany = (people: readonly Person[]): Promise<void> => this.table.upsertMany(people);
  update = (person: Person, etag: string): Promise<string> => this.table.update(person, etag, `Person ${person.id}`);
  listByTeam = (teamId: string): Promise<Person[]> => this.table.listPartition(`team|${encodeKey(teamId)}`);
  list = async (): Promise<Person[]> => current(await this.table.listPartition('person'));
}
