import type { AuditLog, Clock, ConversationStore, PersonStore } from '../core';
import type { VoiceServices } from '../core/voice';
import type { ParticipationFeature } from '../core/examples';
import type { ForumFeature } from '../core/forums';
import type { DigestFeature } from '../core/digests';
import type { ActivityFeature } from '../core/activities';
import type { AdminFeature } from '../core/admin';
import type { CaseAuditFeature } from '../core/audits';
import type { ExitFeature } from '../core/exits';
import type { SurveyCardFeature } from '../core/surveys';

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
 * The features the bot reaches, one typed service object each under one name: `features.voice`,
 * `features.examples`, ... Built by the functions' wiring (functions/wiring/bot-features.ts). A feature left
 * out is not registered: its commands say they are coming, its cards' buttons say they do nothing.
 */
export interface BotFeatures {
  /** The voice of the child: nudge, record-voice, escalation, chair, after-meeting and cover cards; `my meetings`. */
  voice?: VoiceServices;
  /** Participation examples: `example`, its cards, and the "Share as a participation example" message action. */
  examples?: ParticipationFeature;
  /** "You said, we did": `you said`, `my actions` and the tracker cards. */
  tracker?: ParticipationFeature;
  /** Forums and their cards; channel mappings (`use this channel for`, `channels`). */
  forums?: ForumFeature;
  /** `report`, the CICC audit card and "Ask about this" on the board briefing. */
  digests?: DigestFeature;
  /** The admin view in Teams. */
  admin?: AdminFeature;
  /** Group participation: the activity card (opened from `forums`). */
  activities?: ActivityFeature;
  /** Case-file audits: the auditor's card (sent by the caseAudits timer, docs/audits.md). */
  audits?: CaseAuditFeature;
  /** Exit conversations: the card asked when an import reports a care episode or pathway support ended. */
  exits?: ExitFeature;
  /** Survey results imported by card (opened from `forums`), besides the HTTP import. */
  surveys?: SurveyCardFeature;
}

/** What the bot needs: its settings, the few stores every turn uses, and the features. */
export interface BotServices {
  config: BotConfig;
  people: Pick<PersonStore, 'get'>;
  /** Where refusals are recorded: at the gate (bot/gate.ts), and refused activities (another tenant, another channel). */
  audit: Pick<AuditLog, 'append'>;
  conversations: ConversationStore;
  clock: Clock;
  features: BotFeatures;
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
  /** Exit conversations: the card asked when an import reports a care episode or pathway support ended. */
  exitFeature?: ExitFeature;
  /** Survey results imported by card (opened from `forums`), besides the HTTP import. */
  surveyFeature?: SurveyCardFeature;
}
