import { GlobalSettings, Template } from 'adaptivecards-templating';

/** An Adaptive Card as plain JSON, ready to attach to an activity. */
export type Card = Record<string, unknown>;

// A missing field renders as a space rather than as the raw `${field}` expression (the
// library treats an empty substitution as "none", so a space is the smallest blank it accepts).
GlobalSettings.getUndefinedFieldValueSubstitutionString = () => ' ';

/**
 * Binds an Adaptive Card template (JSON with `${...}` expressions, `$data`, `$when`) to a view model.
 * Pure: the template is not modified, and the result is a fresh object.
 */
export function renderCard(template: object, data: object): Card {
  const expanded: unknown = new Template(template).expand({ $root: data });
  if (!expanded || typeof expanded !== 'object') throw new Error('card template expanded to nothing');
  return expanded as Card;
}

/** The attachment Teams expects for a card. */
export const cardAttachment = (card: Card) => ({
  contentType: 'application/vnd.microsoft.card.adaptive',
  content: card,
});
