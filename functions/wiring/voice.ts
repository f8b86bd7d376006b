import type { TableOutboxStore } from '../../adapters/tables/outbox-store';
import type { VoiceTables } from '../../adapters/tables/stores';
import { afterMeetingCard, chairAlertCard, escalationDigestCard, nudgeDigestCard } from '../../cards/voice-cards';
import type { AuditLog, ChildStore, Clock, MeetingStore, Outbox, PersonStore, TeamStore } from '../../core';
import type { WorkingCalendar } from '../../core/calendar';
import { TypeScheduleSchema, voiceSettings, type VoiceServices, type VoiceSettings } from '../../core/voice';
import { MeetingTypeSchema } from '../../core/model';
import { z } from 'zod';
import type { Config } from '../config';
import { jsonSetting } from '../json-setting';

const ScheduleOverridesSchema = z.partialRecord(MeetingTypeSchema, TypeScheduleSchema);

/** The app settings the voice feature reads, and nothing else. */
export type VoiceConfig = Pick<
  Config,
  'VOICE_SCHEDULE_JSON' | 'VOICE_DAY_ZERO' | 'NUDGE_TIME' | 'ADVOCACY_MIN_AGE' | 'SHOW_CHILD_INITIALS' | 'CASE_RECORD_URL' | 'NUDGE_HORIZON_WORKING_DAYS' | 'COVER_MAX_DAYS'
>;

/** The voice settings from the app settings; a bad VOICE_SCHEDULE_JSON is named, not ignored. */
export function voiceSettingsFrom(config: VoiceConfig): VoiceSettings {
  let types: z.infer<typeof ScheduleOverridesSchema> = {};
  if (config.VOICE_SCHEDULE_JSON) {
    types = jsonSetting('VOICE_SCHEDULE_JSON', config.VOICE_SCHEDULE_JSON, ScheduleOverridesSchema, '{"ASSESSMENT":{"voiceByWorkingDaysBefore":0,"nudges":[15,5,2]}}');
  }
  return voiceSettings({
    types,
    dayZero: config.VOICE_DAY_ZERO,
    nudgeTime: config.NUDGE_TIME,
    advocacyMinAge: config.ADVOCACY_MIN_AGE,
    showInitials: config.SHOW_CHILD_INITIALS,
    caseRecordUrl: config.CASE_RECORD_URL,
    horizonWorkingDays: config.NUDGE_HORIZON_WORKING_DAYS,
    coverMaxDays: config.COVER_MAX_DAYS,
  });
}

export interface VoiceServiceInputs {
  config: VoiceConfig;
  meetings: MeetingStore;
  children: ChildStore;
  people: PersonStore;
  teams: TeamStore;
  audit: AuditLog;
  clock: Clock;
  calendar: WorkingCalendar;
  /** The app's outbox. */
  outbox: Outbox & Pick<TableOutboxStore, 'get'>;
  /** The Voice table's stores (adapters/tables buildStores). */
  voiceTables: VoiceTables;
}

/** The voice feature from its stores and settings. */
export function buildVoiceServices(s: VoiceServiceInputs): VoiceServices {
  const { outbox } = s;
  return {
    meetings: s.meetings,
    children: s.children,
    people: s.people,
    teams: s.teams,
    audit: s.audit,
    clock: s.clock,
    calendar: s.calendar,
    ...s.voiceTables,
    outbox,
    delivery: {
      // 'failed' is the sender's final word (blocked, removed, never installed); 'parked' means it gave up retrying.
      deliveryOf: async (key) => {
        const status = (await outbox.get(key))?.status;
        return status === 'sent' ? 'delivered' : status === 'failed' || status === 'parked' ? 'undeliverable' : 'pending';
      },
    },
    managers: {
      // The People import alone names line managers, so whoever is escalated to may also act on the card.
      managerOf: async (id) => (await s.people.get(id))?.lineManagerId,
    },
    settings: voiceSettingsFrom(s.config),
    cards: { nudgeDigest: nudgeDigestCard, escalationDigest: escalationDigestCard, afterMeeting: afterMeetingCard, chairAlert: chairAlertCard },
  };
}
