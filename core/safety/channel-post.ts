import { defaultCaseRefPatterns, findCaseRefs } from '../pii/case-refs';

/**
 * The outbox's last check before anything is posted in a channel, whoever built it (a digest, a forum
 * reminder, an audit card): every string must be free of anything shaped like a case reference. The
 * digests also check their cards against the references they read (channel-guard.ts); this one needs no
 * list, so it also covers posts that read no child. Returns the JSON paths of the strings that fail.
 */
export function caseRefsInChannelPost(payload: unknown, patterns: readonly RegExp[] = defaultCaseRefPatterns): string[] {
  const found: string[] = [];
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'string') {
      if (findCaseRefs(v, patterns).length) found.push(path || '(text)');
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(payload, '');
  return found;
}
