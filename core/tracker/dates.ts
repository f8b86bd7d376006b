import { DateTime } from 'luxon';
import { LONDON, type IsoDate } from '../calendar/working-days';

export const shiftDays = (date: IsoDate, days: number): IsoDate =>
  DateTime.fromISO(date, { zone: LONDON }).plus({ days }).toISODate() as IsoDate;
