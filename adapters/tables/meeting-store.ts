import type { LazyClient } from './entity';
import { londonDate } from '../../core/calendar';
import { MeetingSchema, type Meeting } from '../../core/model';
import type { MeetingStore, Versioned } from '../../core/ports';
import { IndexedTable } from './indexed-table';
import { encodeKey } from './keys';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The London dates from `from`'s to the date of the last instant before `to`. */
function londonDatesBetween(from: Date, to: Date): string[] {
  if (to <= from) return [];
  const last = londonDate(new Date(to.getTime() - 1));
  const dates: string[] = [];
  // Step by noon-to-noon UTC days: never skips or repeats a London date across a clock change.
  for (let d = londonDate(from); d <= last; ) {
    dates.push(d);
    d = londonDate(new Date(Date.parse(`${d}T12:00:00Z`) + DAY_MS));
  }
  return dates;
}

/**
 * Meetings table. `meeting` / id: the record (its ETag guards updates, and it says which day the
 * meeting is on). `day|YYYY-MM-DD` (London start date) / id, `child|<ref>` / id and `chair|<person id>` / id:
 * copies, so a scan of the next N days reads N partitions (in one range query) and a child's or a chair's
 * meetings read one.
 */
export class TableMeetingStore implements MeetingStore {
  private readonly table: IndexedTable<Meeting>;

  constructor(client: LazyClient) {
    this.table = new IndexedTable<Meeting>({
      client,
      schema: MeetingSchema,
      recordPartition: 'meeting',
      // Five years on file and a nightly file of seven months: 15,000 point reads, not 137 pages of the partition.
      historyPartition: true,
      idOf: (m) => m.id,
      copiesOf: (m) => [
        { partitionKey: `day|${londonDate(new Date(m.start))}`, rowKey: encodeKey(m.id) },
        { partitionKey: `child|${encodeKey(m.childRef)}`, rowKey: encodeKey(m.id) },
        ...(m.chairId ? [{ partitionKey: `chair|${m.chairId}`, rowKey: encodeKey(m.id) }] : []),
      ],
    });
  }

  get = (id: string): Promise<Versioned<Meeting> | undefined> => this.table.get(id);
  getMany = (ids: readonly string[]): Promise<Map<string, Meeting>> => this.table.getMany(ids);
  upsertMany = (meetings: readonly Meeting[]): Promise<void> => this.table.upsertMany(meetings);
  /** Meetings not on file yet, written without reading first (a bulk load of history; IndexedTable.putMany). */
  putMany = (meetings: readonly Meeting[]): Promise<void> => this.table.putMany(meetings);
  /** Replaces a meeting only if unchanged since `etag`; DomainError('CONFLICT') otherwise. */
  update = (meeting: Meeting, etag: string): Promise<string> =>
    this.table.update(meeting, etag, `Meeting ${meeting.id}`);

  async listStartingBetween(from: Date, to: Date): Promise<Meeting[]> {
    const dates = londonDatesBetween(from, to);
    if (dates.length === 0) return [];
    const copies = await this.table.listPartitionRange(`day|${dates[0]}`, `day|${dates[dates.length - 1]}`);
    const f = from.getTime();
    const t = to.getTime();
    return copies
      .filter((m) => {
        const s = Date.parse(m.start);
        return s >= f && s < t;
      })
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id));
  }

  listForChild = (childRef: string): Promise<Meeting[]> => this.soonestFirst(`child|${encodeKey(childRef)}`);
  listForChair = (chairId: string): Promise<Meeting[]> => this.soonestFirst(`chair|${chairId}`);

  private async soonestFirst(partition: string): Promise<Meeting[]> {
    const all = await this.table.listPartition(partition);
    return all.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  }
}
