import type { Card } from './render';

/** Teams refuses cards over about 80 KB; stay under with room for the activity envelope. */
export const CARD_BYTE_LIMIT = 78 * 1024;

export const cardBytes = (card: Card): number => Buffer.byteLength(JSON.stringify(card), 'utf8');

/**
 * Builds one card, or, when it would be too large, the card without its long list followed by continuation
 * cards each holding as many rows as fit ("Part 2 of 3"). `build(rows, part)` must keep every number.
 */
export function fitCards<R>(
  rows: readonly R[],
  build: (rows: readonly R[], part: { index: number; of: number } | undefined) => Card,
  limit = CARD_BYTE_LIMIT,
): Card[] {
  const whole = build(rows, undefined);
  if (cardBytes(whole) <= limit) return [whole];
  const chunks: R[][] = [];
  let current: R[] = [];
  for (const r of rows) {
    const next = [...current, r];
    if (current.length > 0 && cardBytes(build(next, { index: 2, of: 2 })) > limit) {
      chunks.push(current);
      current = [r];
    } else current = next;
  }
  if (current.length) chunks.push(current);
  const of = chunks.length + 1;
  return [build([], { index: 1, of }), ...chunks.map((c, i) => build(c, { index: i + 2, of }))];
}
