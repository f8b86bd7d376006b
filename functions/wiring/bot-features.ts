import type { BotFeatures } from '../../bot/index';
import type { Services } from './services-types';

/**
 * The features the bot reaches, one service object each under one name (bot/services.ts). The digests are
 * read on first use, as the root builds them (functions/wiring/services.ts).
 */
export function botFeatures(s: Omit<Services, 'features'>): BotFeatures {
  return {
    voice: s.voice,
    examples: s.participation,
    tracker: s.participation,
    forums: s.forumFeature,
    get digests() {
      return s.digests;
    },
    admin: s.admin,
    activities: s.activityFeature,
    audits: s.caseAuditing.feature,
    exits: s.exitFeature,
    surveys: s.surveyFeature,
  };
}
