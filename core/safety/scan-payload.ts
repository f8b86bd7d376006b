/**
 * The channel-payload scanner: walks any JSON (a bound card, a text message) and reports every string
 * that contains a forbidden term. Used by the digest tests, and usable by the outbox before a channel post.
 */
export interface ForbiddenTerms {
  /** Case references: matched anywhere, ignoring case ("see ABC-123," still matches). */
  refs?: readonly string[];
  /** Names (first, last or full): matched as whole words, ignoring case. */
  names?: readonly string[];
  /** Initials: matched as whole words, exact case (so "JB" matches but "jb" in a URL slug need not). */
  initials?: readonly string[];
}

export interface PayloadFinding {
  /** JSON path of the offending string, e.g. `body[3].items[0].text`. */
  path: string;
  term: string;
  kind: 'ref' | 'name' | 'initials';
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wholeWord = (term: string, flags: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])${escape(term)}(?![\\p{L}\\p{N}])`, `u${flags}`);

type Matcher = { term: string; kind: PayloadFinding['kind']; test: (s: string) => boolean };

function matchers(terms: ForbiddenTerms): Matcher[] {
  const out: Matcher[] = [];
  for (const ref of terms.refs ?? []) {
    const lower = ref.toLowerCase();
    if (lower) out.push({ term: ref, kind: 'ref', test: (s) => s.toLowerCase().includes(lower) });
  }
  for (const name of terms.names ?? []) {
    if (!name.trim()) continue;
    const re = wholeWord(name.trim(), 'i');
    out.push({ term: name, kind: 'name', test: (s) => re.test(s) });
  }
  for (const ini of terms.initials ?? []) {
    if (!ini.trim()) continue;
    const re = wholeWord(ini.trim(), '');
    out.push({ term: ini, kind: 'initials', test: (s) => re.test(s) });
  }
  return out;
}

/** Every forbidden term found in any string (keys included) of the payload; empty when it is clean. */
export function scanPayload(payload: unknown, terms: ForbiddenTerms): PayloadFinding[] {
  const ms = matchers(terms);
  const findings: PayloadFinding[] = [];
  const check = (s: string, path: string) => {
    for (const m of ms) if (m.test(s)) findings.push({ path, term: m.term, kind: m.kind });
  };
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'string') check(v, path);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        check(k, path);
        walk(x, path ? `${path}.${k}` : k);
      }
    }
  };
  walk(payload, '');
  return findings;
}
