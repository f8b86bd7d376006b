import type { AuditLog, Clock, ConversationStore, PersonStore } from '../core';
import type { VoiceServices } from '../core/voice';
import type { ParticipationFeature } from '../core/examples';
import type { ForumFeature } from '../core/forums';
import type { DigestFeature } from '../core/digests';
import type { ActivityFeature } from '../core/activities';

/** The settings the bot reads: the same names as the app settings (functions/config.ts passes its object). */
export interface BotConfig {
  MicrosoftAppId?: string;
  MicrosoftAppPassword?: string;
  MicrosoftAppType: 'SingleTenant' | 'UserAssignedMSI' | 'MultiTenant';
  MicrosoftAppTenantId?: string;
  /** More tenants the bot serves besides MicrosoftAppTenantId. */
  ALLOWED_TENANT_IDS?: readonly string[];
  /** Local stack and tests only: serve without Bot Framework authentication (bot/activity-gate.ts). */
  GT_LOCAL_UNAUTHENTICATED_BOT_DANGER?: boolean;
  COUNCIL_NAME: string;
}

/**
 * What the bot's handlers need. The functions' composition root (`getServices()`) satisfies this;
 * feature handlers that need more stores add them here.
 */
export interface BotServices {
  config: BotConfig;
  people: Pick<PersonStore, 'get'>;
  /** Where refusals are recorded: at the gate (bot/gate.ts), and refused activities (another tenant, another channel). */
  audit: Pick<AuditLog, 'append'>;
  conversations: ConversationStore;
  clock: Clock;
  /** The voice-of-the-child feature (nudge, record-voice and escalation cards); its cards stay inert without it. */
  voice?: VoiceServices;
  /** Participation examples and the "You said, we did" tracker; their commands explain they are unavailable without it. */
  participation?: ParticipationFeature;
  /** Forums and channel mappings. */
  forumFeature?: ForumFeature;
  /** `report`, the CICC audit card and "Ask about this" on the board briefing. */
  digests?: DigestFeature;
  /** Group participation: the activity card (opened from `forums`). */
  activityFeature?: ActivityFeature;
}
