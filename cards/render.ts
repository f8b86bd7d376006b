import { GlobalSettings, Template } from 'adaptivecards-templating';

/** An Adaptive Card as plain JSON, ready to attach to an activity. */
export type Card = Record<string, unknown>;

// A missing field renders as a space rather than as the raw `${field}` expression (the
// library treats an empty substitution as "none", so a space is the smallest blank it accepts).
GlobalSettings.getUndefinedFieldValueSubstitutionString = () => ' ';

// Preparing a template parses every `${...}` with adaptive-expressions' ANTLR parser, which cost more than
// everything else the morning scan does (200 nudge cards); expand() only evaluates, so each template object is
// prepared once per process. Expanding is synchronous and leaves the prepared template as it was.
const templates = new WeakMap<object, Template>();
const prepared = (template: object): Template => {
  let t = templates.get(template);
  if (!t) templates.set(template, (t = new Template(template)));
  return t;
};

/**
 * Binds an Adaptive Card template (JSON with `${...}` expressions, `$data`, `$when`) to a view model.
 * Pure: the template is not modified, and the result is a fresh object.
 */
export function renderCard(template: object, data: object): Card {
  const expanded: unknown = prepared(template).expand({ $root: data });
  if (!expanded || typeof expanded !== 'object') throw new Error('card template expanded to nothing');
  return expanded as Card;
}

/** The attachment Teams expects for a card. */
export const cardAttachment = (card: Card) => ({
  contentType: 'application/vnd.microsoft.card.adaptive',
  content: card,
});
