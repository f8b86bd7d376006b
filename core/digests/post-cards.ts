import type { Recipient } from '../model/messaging';
import type { Outbox } from '../ports';

/**
 * Puts a digest's cards in the outbox in order, card n (from 1) under `${key}:${n}`, so a rerun within the
 * same period enqueues nothing new. `kind` may name each card's kind by its position.
 */
export async function postCards(outbox: Outbox, o: { to: Recipient; key: string; cards: readonly object[]; kind: string | ((i: number) => string) }) {
  let enqueued = 0;
  let unchanged = 0;
  const fresh: boolean[] = [];
  for (const [i, card] of o.cards.entries()) {
    const kind = typeof o.kind === 'string' ? o.kind : o.kind(i);
    const isNew = await outbox.enqueue({ dedupeKey: `${o.key}:${i + 1}`, to: o.to, kind, card: card as Record<string, unknown> });
    fresh.push(isNew);
    if (isNew) enqueued++;
    else unchanged++;
  }
  return { enqueued, unchanged, fresh };
}
