import type { WeeklyDigestView } from '../core/digests';
import template from './digest-weekly.json';
import { fitCards } from './digests-fit';
import { renderCard, type Card } from './render';

/** The weekly manager digest as one or more cards, each under the Teams size limit. */
export function weeklyDigestCards(view: WeeklyDigestView): Card[] {
  return fitCards(view.upcomingRows, (rows, part) =>
    renderCard(template, {
      ...view,
      title: part ? `${view.title} (part ${part.index} of ${part.of})` : view.title,
      upcomingRows: rows,
      upcomingSummary: part && part.index === 1 ? `${view.upcomingSummary} (listed in the next part)` : view.upcomingSummary,
    }),
  );
}
