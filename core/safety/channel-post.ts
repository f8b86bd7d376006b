import { defaultCaseRefPatterns, findCaseRefs } from '../pii/case-refs';
import type { PiiScan } from '../pii/general-terms';
import type { PiiKind } from '../pii/kinds';

/** A string in a channel post that the guard stopped: where it is, and the kinds found (never the words). */
export interface ChannelPostFinding {
  path: string;
  kinds: PiiKind[];
}

// The strings a reader sees in a card or message; ids, verbs, URLs and action data are not shown.
const SHOWN = new Set(['text', 'title', 'value', 'subtitle', 'altText', 'label', 'placeholder', 'fallbackText', 'errorMessage', 'speak', 'summary']);

/**
 * The outbox's last check before anything is posted in a channel, whoever built it (a digest, a forum
 * reminder, an audit card): every string a reader sees must pass the full PII guard, and no string at all
 * (action data included) may carry anything shaped like a case reference. Returns each failing string's
 * JSON path with the kinds found.
 */
export function identifyingInChannelPost(payload: unknown, scan: PiiScan, patterns: readonly RegExp[] = defaultCaseRefPatterns): ChannelPostFinding[] {
  const found: ChannelPostFinding[] = [];
  const walk = (v: unknown, path: string, key: string): void => {
    if (typeof v === 'string') {
      const kinds = new Set<PiiKind>(findCaseRefs(v, patterns).length ? ['case_ref'] : []);
      if (SHOWN.has(key)) for (const f of scan(v)) kinds.add(f.kind);
      if (kinds.size) found.push({ path: path || '(text)', kinds: [...kinds] });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k, k);
  };
  walk(payload, '', 'text');
  return found;
}

/** Only the case-reference shapes (no guard): for callers that need no list and no settings. */
export function caseRefsInChannelPost(payload: unknown, patterns: readonly RegExp[] = defaultCaseRefPatterns): string[] {
  return identifyingInChannelPost(payload, () => [], patterns).map((f) => f.path);
}
