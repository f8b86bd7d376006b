import type { WorkingCalendar } from '../calendar/working-days';
import type { Clock, NewId } from '../clock';
import type { PiiScan } from '../pii/general-terms';
import type { AuditLog, PersonStore, TeamStore } from '../ports';
import type { TrackerStore } from './ports';

export interface TrackerDeps {
  items: TrackerStore;
  audit: AuditLog;
  people: Pick<PersonStore, 'get'>;
  teams?: Pick<TeamStore, 'get'>;
  clock: Clock;
  newId: NewId;
  pii: PiiScan;
}

export interface ReminderDeps extends Pick<TrackerDeps, 'items' | 'audit' | 'clock'> {
  calendar: WorkingCalendar;
}

/** Field name -> the problem, in plain words, shown beside that field on the card. */
