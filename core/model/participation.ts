import { z } from 'zod';

/** SSDA903 participation codes, as the national return records how a child took part. */
export const PnCodeSchema = z.enum(['PN0', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7']);
export type PnCode = z.infer<typeof PnCodeSchema>;

export const pnCodeLabel: Record<PnCode, string> = {
  PN0: 'Child is under 4',
  PN1: 'Attends and speaks for themselves',
  PN2: 'Attends, and an advocate speaks for them',
  PN3: 'Attends, and shares views without words or with symbols',
  PN4: 'Attends but does not contribute',
  PN5: 'Does not attend, but briefs an advocate or sends their views',
  PN6: 'Does not attend, but shares views another supported way',
  PN7: 'Does not attend, and their views are not shared',
};

/** How a child's voice reached the meeting (recorded beside the PN code). */
export const VoiceMethodSchema = z.enum([
  'mind_of_my_own',
  'direct_work',
  'own_words',
  'advocate',
  'iro_met',
  'observation',
  'people_who_know_them',
]);
export type VoiceMethod = z.infer<typeof VoiceMethodSchema>;

export const voiceMethodLabel: Record<VoiceMethod, string> = {
  mind_of_my_own: 'Mind of My Own statement',
  direct_work: 'Direct work with me',
  own_words: 'Their own words in writing, video or audio',
  advocate: 'An advocate',
  iro_met: 'The IRO or chair met them',
  observation: 'Observation or communication aids',
  people_who_know_them: 'Views of people who know them best',
};

/** Thurrock's five modes of participation (the top rungs of Hart's ladder). */
export const ParticipationModeSchema = z.enum([
  'yp_initiated_shared',
  'yp_initiated_directed',
  'adult_initiated_shared',
  'consulted_informed',
  'assigned_informed',
]);
export type ParticipationMode = z.infer<typeof ParticipationModeSchema>;

export const participationModeLabel: Record<ParticipationMode, string> = {
  yp_initiated_shared: 'Young people started it and shared decisions with adults',
  yp_initiated_directed: 'Young people started and led it',
  adult_initiated_shared: 'Adults started it and shared decisions with young people',
  consulted_informed: 'Young people were asked and told the result',
  assigned_informed: 'Young people were given a role and told why',
};

/** The Lundy model of participation. */
export const LundyElementSchema = z.enum(['space', 'voice', 'audience', 'influence']);
export type LundyElement = z.infer<typeof LundyElementSchema>;

export const lundyLabel: Record<LundyElement, string> = {
  space: 'Space: a safe place to share views',
  voice: 'Voice: helped to express their views',
  audience: 'Audience: views heard by people who can act',
  influence: 'Influence: views acted on, and told what happened',
};

export const ParticipationScopeSchema = z.enum(['individual', 'collective']);
export type ParticipationScope = z.infer<typeof ParticipationScopeSchema>;
