import type { IsoDate } from '../calendar/working-days';
import type { Versioned } from '../ports';
import type { TrackerItem } from './item';

/** Where items live; every period query reads only the months it covers. Ranges are [from, to) London dates. */
export interface TrackerStore {
  get(id: string): Promise<Versioned<TrackerItem> | undefined>;
  /** CONFLICT when the id exists. */
  create(item: TrackerItem): Promise<void>;
  /** Replaces only if unchanged since `etag` (CONFLICT otherwise); returns the new ETag. */
  update(item: TrackerItem, etag: string): Promise<string>;
  listRaisedBetween(from: IsoDate, to: IsoDate): Promise<TrackerItem[]>;
  listDueBetween(from: IsoDate, to: IsoDate): Promise<TrackerItem[]>;
  listClosedBetween(from: IsoDate, to: IsoDate): Promise<TrackerItem[]>;
  /** Items still open or awaiting feedback, owned by this person. */
  listActiveByOwner(ownerId: string): Promise<TrackerItem[]>;
  /** Every item still open or awaiting feedback (the working set, not the history). */
  listActive(): Promise<TrackerItem[]>;
}
