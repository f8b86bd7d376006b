import { DateTime } from 'luxon';
import { LONDON, type IsoDate } from '../calendar/working-days';
import type { Meeting } from '../model/meeting';
import { freshMonthsFor, type VoiceSettings } from './settings';
import type { VoiceRecord } from './voice-record';

/** The earliest date views may have been gathered on and still count for this meeting. */
export function freshFrom(meeting: Pick<Meeting, 'type' | 'start'>, settings: VoiceSettings): IsoDate {
  const months = freshMonthsFor(meeting.type, settings);
  return DateTime.fromISO(meeting.start, { zone: LONDON }).startOf('day').minus({ months }).toISODate() as IsoDate;
}

/**
 * A record whose views were gathered too long before the meeting (it moved later, or the rule came after
 * it) is stale: the child is asked again, and the nudges and escalations treat it as missing.
 */
export const isStale = (record: Pick<VoiceRecord, 'gatheredOn'>, meeting: Pick<Meeting, 'type' | 'start'>, settings: VoiceSettings): boolean =>
  record.gatheredOn < freshFrom(meeting, settings);

/** The record if it still counts for the meeting, else undefined. */
export const freshRecord = (record: VoiceRecord | undefined, meeting: Pick<Meeting, 'type' | 'start'>, settings: VoiceSettings): VoiceRecord | undefined =>
  record && !isStale(record, meeting, settings) ? record : undefined;
