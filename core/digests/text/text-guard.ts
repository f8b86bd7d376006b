import { findPii } from '../../pii/guard';
import { textGuard } from '../../pii/text-guard';
import type { TextGuard } from '../ports';

/** The PII guard as the digests use it: text with any finding, or that picks out one young person, never reaches a channel. */
export const piiTextGuard: TextGuard = textGuard((text) => findPii(text));

/** Free text a channel may show: marked shareable when written AND still clean by today's guard. */
export const shareableText = (guard: TextGuard, shareable: boolean, ...texts: (string | undefined)[]): boolean =>
  shareable && texts.every((t) => t === undefined || guard.isShareable(t));
