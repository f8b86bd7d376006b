import type { SeniorReportView } from '../core/digests';
import template from './report-senior.json';
import { fitCards } from './digests-fit';
import { renderCard, type Card } from './render';

/** The senior managers' report as one or more cards, each under the Teams size limit. */
export function seniorReportCards(view: SeniorReportView): Card[] {
  const whole = renderCard(template, view);
  return fitCards(view.sections, (sections, part) =>
    part ? renderCard(template, { ...view, sections, title: `${view.title} (part ${part.index} of ${part.of})` }) : whole,
  );
}
