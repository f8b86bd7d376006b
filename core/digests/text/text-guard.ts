import { findPii } from '../../pii/guard';
import type { TextGuard } from '../ports';

/** The PII guard as the digests use it: text with any finding never reaches a channel. */
export const piiTextGuard: TextGuard = { isShareable: (text) => findPii(text).length === 0 };

/** Free text a channel may show: marked shareable when written AND still clean by today's guard. */
export const shareableText = (guard: TextGuard, shareable: boolean, ...texts: (string | undefined)[]): boolean =>
  shareable && texts.every((t) => t === undefined || guard.isShareable(t));
