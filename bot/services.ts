import type { Clock, ConversationStore, PersonStore } from '../core';
import type { VoiceServices } from '../core/voice';

/** The settings the bot reads: the same names as the app settings (functions/config.ts passes its object). */
export interface BotConfig {
  MicrosoftAppId?: string;
  MicrosoftAppPassword?: string;
  MicrosoftAppType: 'SingleTenant' | 'UserAssignedMSI' | 'MultiTenant';
  MicrosoftAppTenantId?: string;
  COUNCIL_NAME: string;
}

/**
 * What the bot's handlers need. The functions' composition root (`getServices()`) satisfies this;
 * feature handlers that need more stores add them here.
 */
export interface BotServices {
  config: BotConfig;
  people: Pick<PersonStore, 'get'>;
  conversations: ConversationStore;
  clock: Clock;
  /** The voice-of-the-child feature (nudge, record-voice and escalation cards); its cards stay inert without it. */
  voice?: VoiceServices;
}
