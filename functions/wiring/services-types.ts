// The shape of the composition root (functions/wiring/services.ts builds it), apart from its builder, so a feature
// builder can name what it takes without importing the root that imports it (no circle in functions/).
import type { ImportJobs, TableChildStore, TableMeetingStore, TablePersonStore, TableStores, TableTeamStore } from '../../adapters/tables';
import type { OutboxSender, TableOutboxStore } from '../../adapters/outbox';
import type { WorkingCalendar } from '../../core/calendar';
import type { Clock } from '../../core/clock';
import type { AuditLog, ChildStore, ConversationStore, MeetingStore, PersonStore, TeamStore } from '../../core/ports';
import type { VoiceServices } from '../../core/voice';
import type { AdminFeature } from '../../core/admin';
import type { DigestFeature } from '../../core/digests';
import type { SurveyCardFeature, SurveyStore } from '../../core/surveys';
import type { ActivityFeature, ActivityStore } from '../../core/activities';
import type { ExitFeature } from '../../core/exits';
import type { BotFeatures } from '../../bot/index';
import type { Config } from '../config';
import type { ParticipationServices } from './participation';
import type { ForumServices } from './forums';
import type { CaseAuditServices } from './audits';

/** The stores only some features use, handed on as buildStores made them. */
type FeatureStores = Pick<TableStores, 'auditReader' | 'voiceTables' | 'examples' | 'trackerItems' | 'forums' | 'forumOutcomes' | 'channelMappings' | 'promiseAudits' | 'caseAudits'>;

/**
 * The composition root of the function app: config, stores and rules, built once per process.
 * A plain object: a new store goes in adapters/tables buildStores (and here, if a feature needs it).
 */
export interface Services extends FeatureStores {
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
  /** The features above as the bot reaches them, one name each (functions/wiring/bot-features.ts). */
  features: BotFeatures;
  /** Case-file audits of the child's voice: the store, the timer's run, the auditor's card (docs/audits.md). */
  caseAuditing: CaseAuditServices;
  /** Exit conversations: asked after a children import, answered by card (docs/import.md, docs/voice.md). */
  exitFeature: ExitFeature;
  /** Survey results imported by card (docs/surveys-and-activities.md). */
  surveyFeature: SurveyCardFeature;
}
