import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPii } from '.';

// The held-out corpus was written and committed before the rules, and the rules were developed on
// dev.jsonl only. Scoring is per (sentence, kind): a kind found where labelled is a hit, one found where
// not labelled is a false alarm, one labelled but not found is a miss.
interface Row {
  text: string;
  kinds: string[];
}
const load = (name: string): Row[] =>
  readFileSync(join(__dirname, '../../tests/fixtures/pii-corpus', name), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Row);

function score(rows: readonly Row[]) {
  let hits = 0;
  let falseAlarms = 0;
  let misses = 0;
  const wrong: string[] = [];
  for (const row of rows) {
    const found = new Set(findPii(row.text).map((f) => f.kind as string));
    const want = new Set(row.kinds);
    for (const k of want) {
      if (found.has(k)) hits++;
      else {
        misses++;
        wrong.push(`missed ${k}: ${row.text}`);
      }
    }
    for (const k of found) {
      if (want.has(k)) continue;
      falseAlarms++;
      wrong.push(`false ${k}: ${row.text}`);
    }
  }
  return { recall: hits / (hits + misses), precision: hits / (hits + falseAlarms), hits, misses, falseAlarms, wrong };
}

describe('the PII guard on its held-out corpus', () => {
  it('catches at least 95% of identifying details and at least 90% of what it flags is identifying', () => {
    const rows = load('eval.jsonl');
    const s = score(rows);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(
      `PII guard on eval.jsonl (${rows.length} sentences, ${rows.filter((r) => r.kinds.length).length} with identifying details): ` +
        `recall ${pct(s.recall)} (${s.hits}/${s.hits + s.misses}), precision ${pct(s.precision)} (${s.hits}/${s.hits + s.falseAlarms})\n` +
        s.wrong.join('\n'),
    );
    expect(s.recall).toBeGreaterThanOrEqual(0.95);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('still passes every sentence it was developed on', () => {
    expect(score(load('dev.jsonl')).wrong).toEqual([]);
  });
});
