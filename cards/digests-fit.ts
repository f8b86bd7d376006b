import type { Card } from './render';

/** Teams refuses a message over about 28 KB (card and activity together); stay under with room for the envelope. */
export const CARD_BYTE_LIMIT = 26 * 1024;

export const cardBytes = (card: Card): number => Buffer.byteLength(JSON.stringify(card), 'utf8');

/**
 * Builds one card, or, when it would be too large, the card without its long list followed by continuation
 * cards each holding as many rows as fit ("Part 2 of 3"). `build(rows, part)` must keep every number.
 */
export function fitCards<R>(
  rows: readonly R[],
  buildRaw: (rows: readonly R[], part: { index: number; of: number } | undefined) => Card,
  limit = CARD_BYTE_LIMIT,
): Card[] {
  const build = (r: readonly R[], part: { index: number; of: number } | undefined): Card => chartsWithText(buildRaw(r, part));
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

type Json = unknown;
const numbersIn = (data: Json): number[] =>
  Array.isArray(data)
    ? data.flatMap(numbersIn)
    : data && typeof data === 'object'
      ? Object.entries(data as Record<string, Json>).flatMap(([k, v]) => (k === 'y' || k === 'value') && typeof v === 'number' ? [v] : typeof v === 'object' ? numbersIn(v) : [])
      : [];

/**
 * Teams draws `Chart.*`, other clients show the chart's `fallback`. Either way the numbers must be readable
 * as text (screen readers, no meaning by colour or shape alone), and a chart with nothing to draw shows
 * "cannot be displayed" in Teams. So: a chart with no non-zero value gives way to its facts, and every other
 * chart keeps its facts beside it, always shown.
 */
export function chartsWithText(card: Card): Card {
  const walk = (value: Json): Json => {
    if (Array.isArray(value)) {
      return value.flatMap((el: Json) => {
        if (el && typeof el === 'object' && typeof (el as { type?: unknown }).type === 'string' && (el as { type: string }).type.startsWith('Chart.')) {
          const { fallback, ...chart } = el as { type: string; fallback?: Json; data?: Json };
          const facts = fallback && typeof fallback === 'object' ? [walk(fallback)] : [];
          return numbersIn(chart.data).some((n) => n !== 0) ? [{ ...chart, fallback: 'drop' }, ...facts] : facts;
        }
        return [walk(el)];
      });
    }
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, Json>).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return walk(card) as Card;
}
