import type { IsoDate } from '../calendar/working-days';
import type { Activity } from './activity';

/** Where group participation activities live, by the month they took place. */
export interface ActivityStore {
  save(activity: Activity): Promise<void>;
  /** Activities that took place in [from, to) (London dates). */
  listBetween(from: IsoDate, to: IsoDate): Promise<Activity[]>;
}
