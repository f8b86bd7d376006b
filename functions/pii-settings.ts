import type { Clock } from '../core/clock';
import type { PromiseSet } from '../core/model';
import { parseCaseRefPatterns, type PiiGuardOptions } from '../core/pii';
import type { Config } from './config';

/**
 * The PII guard as this council runs it, wherever free text is checked (examples, "You said", forum records,
 * the outbox's last check on channel posts): its case and person number formats, its gazetteer, its promise
 * titles and own name as words that are never names, and today's date (a recent full date is a meeting).
 */
export function piiGuardOptions(
  config: Pick<Config, 'PII_CASE_REF_PATTERNS' | 'PII_GAZETTEER' | 'COUNCIL_NAME'>,
  o: { clock: Clock; promises: PromiseSet },
): PiiGuardOptions {
  return {
    caseRefPatterns: parseCaseRefPatterns(config.PII_CASE_REF_PATTERNS),
    gazetteer: config.PII_GAZETTEER,
    // Promise titles ("Dreams", "Safe and important") and the council's name are never names.
    notNames: [...o.promises.flatMap((p) => p.title.split(/\s+/)), ...config.COUNCIL_NAME.split(/\s+/)],
    now: () => o.clock.now(),
  };
}
