import template from './evidence-links.json';
import { renderCard, type Card } from './render';

/** Links to the inspection evidence CSVs for a period (senior managers and admins, 1:1 only). */
export function evidenceLinksCard(view: { period: string; links: { voice: string; examples: string; tracker: string } }): Card {
  return renderCard(template, view);
}
