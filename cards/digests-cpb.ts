import { z } from 'zod';
import type { CpbBriefingView } from '../core/digests';
import template from './cpb-briefing.json';
import { fitCards } from './digests-fit';
import { renderCard, type Card } from './render';

/** The board briefing as one or more cards: sections move to later parts if the whole is over the size limit. */
export function cpbBriefingCards(view: CpbBriefingView): Card[] {
  const whole = renderCard(template, view);
  return fitCards(view.sections, (sections, part) =>
    part ? renderCard(template, { ...view, sections, title: `${view.title} (part ${part.index} of ${part.of})` }) : whole,
  );
}

/** "Ask about this" on any section of a digest: the bot raises a tracker item for the participation team. */
export const AskAboutThisSchema = z.object({
  verb: z.literal('digest.ask'),
  digest: z.enum(['cpb', 'senior']),
  section: z.string().min(1).max(40),
  ref: z.string().min(1).max(100),
});
export type AskAboutThisData = z.infer<typeof AskAboutThisSchema>;
