import { tablesConfigOf } from './storage-config';
import { tableClient, type TablesConfig } from '../adapters/tables/client';
import { lazyClient } from '../adapters/tables/entity';
import { TableNudgeStateStore } from '../adapters/tables/nudge-state';
import { TableOutboxStore } from '../adapters/tables/outbox-store';
import { TableAfterMeetingStore, TableChairRecordStore, TableMeetingVoiceReader, TableVoiceRecordStore } from '../adapters/tables/voice-records';
import { TableCoverStore } from '../adapters/tables/voice-cover';
import { afterMeetingCard, chairAlertCard, escalationDigestCard, nudgeDigestCard } from '../cards/voice-cards';
import type { AuditLog, ChildStore, Clock, MeetingStore, Outbox, PersonStore, TeamStore } from '../core';
import type { WorkingCalendar } from '../core/calendar';
import { TypeScheduleSchema, voiceSettings, type VoiceServices, type VoiceSettings } from '../core/voice';
import { MeetingTypeSchema } from '../core/model';
import { z } from 'zod';
import type { Config } from './config';
import { TABLES } from '../adapters/tables/names';
import { jsonSetting } from './json-setting';

const ScheduleOverridesSchema = z.partialRecord(MeetingTypeSchema, TypeScheduleSchema);

/** The voice settings from the app settings; a bad VOICE_SCHEDULE_JSON is named, not ignored. */
export function voiceSettingsFrom(config: Config): VoiceSettings {
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
  config: Config;
  meetings: MeetingStore;
  children: ChildStore;
  people: PersonStore;
  teams: TeamStore;
  audit: AuditLog;
  clock: Clock;
  calendar: WorkingCalendar;
  /** The app's outbox, when the composition root has one; otherwise the Table outbox. */
  outbox?: Outbox & Pick<TableOutboxStore, 'get'>;
  /** Where the Voice table is, when not from `config` (the bench passes one that counts operations). */
  tables?: TablesConfig;
}

/** The voice feature's stores and settings, on Table Storage. */
export function buildVoiceServices(s: VoiceServiceInputs): VoiceServices {
  const tables: TablesConfig = s.tables ?? tablesConfigOf(s.config);
  const client = lazyClient(() => tableClient(tables, TABLES.voice));
  const outbox = s.outbox ?? new TableOutboxStore(tables, s.clock);
  return {
    meetings: s.meetings,
    children: s.children,
    people: s.people,
    teams: s.teams,
    audit: s.audit,
    clock: s.clock,
    calendar: s.calendar,
    voice: new TableVoiceRecordStore(client),
    after: new TableAfterMeetingStore(client),
    chairRecords: new TableChairRecordStore(client),
    covers: new TableCoverStore(client),
    nudges: new TableNudgeStateStore(client),
    state: new TableMeetingVoiceReader(client),
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
