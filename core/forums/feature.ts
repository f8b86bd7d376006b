import type { WorkingCalendar } from '../calendar/working-days';
import type { ChannelMappingStore } from '../channels/ports';
import type { Clock, NewId } from '../clock';
import type { AuditLog, ConversationStore, Outbox, PersonStore, TeamStore } from '../ports';
import type { ForumOutcomeStore, ForumStore, PiiCheck, YouSaidTracker } from './ports';

/** Everything the forum and channel features need, for the bot's handlers and the reminder timer alike. */
export interface ForumFeature {
  forums: ForumStore;
  outcomes: ForumOutcomeStore;
  mappings: ChannelMappingStore;
  tracker: YouSaidTracker;
  outbox: Outbox;
  /** `list` offers facilitators and owners on cards. */
  people: Pick<PersonStore, 'get' | 'list'>;
  /** Channels the bot is in, offered as the forum's reminder channel. */
  conversations?: Pick<ConversationStore, 'listChannels'>;
  audit: AuditLog;
  /** Social work teams, so a team's channel can be chosen for its weekly digest. */
  teams?: Pick<TeamStore, 'list'>;
  clock: Clock;
  calendar: WorkingCalendar;
  piiCheck: PiiCheck;
  newId: NewId;
  /** A signed one-hour link to a forum meeting's printable "You said, we did" (absent: no printable pages). */
  printableLink?: (forumId: string, originalDate: string) => string;
}
