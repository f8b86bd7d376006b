import type { LazyClient } from './entity';
import { TeamSchema, type Team } from '../../core/model';
import type { TeamStore, Versioned } from '../../core/ports';
import { IndexedTable } from './indexed-table';

/**
 * Teams table. `team` / id: every team in one small partition (a council has tens of teams). A team a
 * snapshot import left out (`goneOn`) is still listed until the purge deletes it: reports on past periods
 * name its meetings' team and district.
 */
export class TableTeamStore implements TeamStore {
  private readonly table: IndexedTable<Team>;

  constructor(client: LazyClient) {
    this.table = new IndexedTable<Team>({
      client,
      schema: TeamSchema,
      recordPartition: 'team',
      idOf: (t) => t.id,
      copiesOf: () => [],
    });
  }

  get = async (id: string): Promise<Team | undefined> => (await this.table.get(id))?.value;
  getVersioned = (id: string): Promise<Versioned<Team> | undefined> => this.table.get(id);
  getMany = (ids: readonly string[]): Promise<Map<string, Team>> => this.table.getMany(ids);
  upsertMany = (teams: readonly Team[]): Promise<void> => this.table.upsertMany(teams);
  update = (team: Team, etag: string): Promise<string> => this.table.update(team, etag, `Team ${team.id}`);
  list = (): Promise<Team[]> => this.table.listPartition('team');
}
