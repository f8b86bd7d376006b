import type { ChildStore, MeetingStore, Outbox, PersonStore, TeamStore } from '../ports';
import type { VoiceDeps } from './context';
import type { ScanDeps } from './scan';
import type { UndeliveredDeps } from './undelivered';
import type { AfterMeetingDeps } from './after-meeting';
import type { CoverStore } from './cover';
import type { ChairRecordStore } from './ports';

/**
 * Everything the voice feature needs at run time, built once by the host's composition root and
 * shared by the morning scan and the bot's card handlers.
 */
export type VoiceServices = VoiceDeps &
  ScanDeps &
  AfterMeetingDeps &
  UndeliveredDeps & { covers: CoverStore; chairRecords: ChairRecordStore; outbox: Outbox; meetings: MeetingStore; children: ChildStore; people: PersonStore; teams: TeamStore };
