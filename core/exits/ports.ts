import type { IsoDate } from '../calendar/working-days';
import type { ExitKey, ExitRecord } from './exit';

/** Where exit conversations are kept, filed by the month the episode ended (the senior report reads its months). */
export interface ExitStore {
  getMany(keys: readonly ExitKey[]): Promise<Map<string, ExitRecord>>;
  get(key: ExitKey): Promise<ExitRecord | undefined>;
  save(record: ExitRecord): Promise<void>;
  /** Endings on these London dates, both inclusive. */
  endedBetween(from: IsoDate, to: IsoDate): Promise<ExitRecord[]>;
  /** Every ending on file for one child (a subject access request): reads the exit partitions only. */
  forChild(childRef: string): Promise<ExitRecord[]>;
}
