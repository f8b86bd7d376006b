import { checkReading, type ReadingCheck } from '../digests/text/reading-gate';
import type { TrackerItem } from './item';

/** The shareable texts being saved that read above the CICC's limit, by field (empty: all fine). */
export function hardFields(texts: Record<string, string | undefined>): Record<string, ReadingCheck> {
  return Object.fromEntries(
    Object.entries(texts).flatMap(([field, text]) => {
      const c = text ? checkReading(text) : undefined;
      return c?.over ? [[field, c]] : [];
    }),
  );
}

const outcomeText = (i: Pick<TrackerItem, 'outcome'>) => (i.outcome ? (i.outcome.kind === 'done' ? i.outcome.weDid : i.outcome.why) : undefined);

/** A shareable item whose "You said" or "We did" reads above the limit: young people see only a safe line until it is reworded. */
export const needsRewording = (i: Pick<TrackerItem, 'shareable' | 'youSaid' | 'outcome'>): boolean =>
  i.shareable && Object.keys(hardFields({ youSaid: i.youSaid, outcome: outcomeText(i) })).length > 0;
