// The shape of the composition root (functions/services.ts builds it), apart from its builder, so a feature
// builder can name what it takes without importing the root that imports it (no circle in functions/).
import type { ImportJobs, TableChildStore, TableMeetingStore, TablePersonStore, TableTeamStore } from '../adapters/tables';
import type { OutboxSender, TableOutboxStore } from '../adapters/outbox';
import type { WorkingCalendar } from '../core/calendar';
import type { Clock } from '../core/clock';
import type { AuditLog, ChildStore, ConversationStore, MeetingStore, PersonStore, TeamStore } from '../core/ports';
import type { VoiceServices } from '../core/voice';
import type { AdminFeature } from '../core/admin';
import type { DigestFeature } from '../core/digests';
import type { SurveyStore } from '../core/surveys';
import type { ActivityFeature, ActivityStore } from '../core/activities';
import type { Config } from './config';
import type { ParticipationServices } from './tracker-services';
import type { ForumServices } from './forum-services';

/**
 * The composition root of the function app: config, stores and rules, built once per process.
 * A plain object: add a field here (and in buildServices) for each new adapter.
 */
export interface Services {
  config: Config;
  children: ChildStore & Pick<TableChildStore, 'getMany' | 'update' | 'list'>;
  people: PersonStore & Pick<TablePersonStore, 'getMany' | 'getVersioned' | 'update'>;
  teams: TeamStore & Pick<TableTeamStore, 'getMany' | 'getVersioned' | 'update'>;
  meetings: MeetingStore & Pick<TableMeetingStore, 'getMany' | 'update'>;
  audit: AuditLog;
  /** Results of imports, and large files waiting for the import worker. */
  importJobs: ImportJobs;
  /** Surveys' aggregate results and group participation activities, one table (docs/surveys-and-activities.md). */
  surveys: SurveyStore;
  activities: ActivityStore;
  conversations: ConversationStore;
  /** Enqueue proactive messages here (each dedupe key is sent once); drain with outboxSender. */
  outbox: TableOutboxStore;
  outboxSender: OutboxSender;
  calendar: WorkingCalendar;
  clock: Clock;
  /** Voice of the child: nudge schedule, records, nudge state (docs/voice.md). */
  voice: VoiceServices;
  /** Participation examples, the PII guard and "You said, we did" (docs/examples.md). */
  participation: ParticipationServices;
  /** Forums, their reminders and outcomes, and channel mappings (docs/forums.md). */
  forumFeature: ForumServices;
  /** `report`, the CICC audit and "Ask about this" (docs/digests.md); the digests themselves run from their timers. */
  digests: DigestFeature;
  /** The admin view in Teams: outbox, undelivered nudges, bank-holiday data, pause, delete a post (docs/admin.md). */
  admin: AdminFeature;
  /** Group participation logged by card (docs/surveys-and-activities.md). */
  activityFeature: ActivityFeature;
}
