import type { IsoDate } from '../calendar/working-days';
import type { Versioned } from '../ports';
import type { Example } from './example';

/** Examples, partitioned by the month they were recorded, so a period query reads only that period. */
export interface ExampleStore {
  get(id: string): Promise<Versioned<Example> | undefined>;
  /** CONFLICT when the id exists. */
  create(example: Example): Promise<void>;
  /** Replaces only if unchanged since `etag`; returns the new ETag. */
  update(example: Example, etag: string): Promise<string>;
  /** Examples recorded on London dates in [from, to), withdrawn ones included. */
  listRecordedBetween(from: IsoDate, to: IsoDate): Promise<Example[]>;
}
