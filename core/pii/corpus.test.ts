import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPii, type PiiGuardOptions } from '.';

// Scoring is per (sentence, kind): a kind found where labelled is a hit, one found where not labelled is a
// false alarm, one labelled but not found is a miss. tests/fixtures/pii-corpus/README.md says how each
// corpus was written and how the set-aside part was made.
interface Row {
  text: string;
  kinds: string[];
}
const dir = join(__dirname, '../../tests/fixtures/pii-corpus');
const load = (name: string): Row[] =>
  readFileSync(join(dir, name), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Row);

// The demo council's gazetteer, and the day the worker-typed corpus was written (its meeting dates are recent).
const council: PiiGuardOptions = {
  gazetteer: (JSON.parse(readFileSync(join(dir, 'gazetteer.json'), 'utf8')) as { places: string[] }).places,
  now: () => new Date('2026-12-04T12:00:00Z'),
};

function score(rows: readonly Row[], options: PiiGuardOptions = {}) {
  let hits = 0;
  let falseAlarms = 0;
  let misses = 0;
  const wrong: string[] = [];
  for (const row of rows) {
    const found = new Set(findPii(row.text, options).map((f) => f.kind as string));
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

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const figures = (name: string, rows: readonly Row[], s: ReturnType<typeof score>) =>
  `PII guard on ${name} (${rows.length} sentences, ${rows.filter((r) => r.kinds.length).length} with identifying details): ` +
  `recall ${pct(s.recall)} (${s.hits}/${s.hits + s.misses}), precision ${pct(s.precision)} (${s.hits}/${s.hits + s.falseAlarms})`;

describe('the PII guard on what a busy worker really types', () => {
  it('catches at least 97% of identifying details in the set-aside part, and at least 92% of what it flags is identifying', () => {
    const rows = load('worker-set-aside.jsonl');
    const s = score(rows, council);
    // Figures only: the set-aside sentences the guard gets wrong are never printed, so no rule is tuned on them.
    console.log(figures('worker-set-aside.jsonl', rows, s));
    expect(s.recall).toBeGreaterThanOrEqual(0.97);
    expect(s.precision).toBeGreaterThanOrEqual(0.92);
  });

  it('does as well on the development part, and names what it still gets wrong there', () => {
    const rows = load('worker-dev.jsonl');
    const s = score(rows, council);
    console.log(`${figures('worker-dev.jsonl', rows, s)}\n${s.wrong.join('\n')}`);
    expect(s.recall).toBeGreaterThanOrEqual(0.97);
    expect(s.precision).toBeGreaterThanOrEqual(0.92);
  });
});

describe('the PII guard on its first corpus', () => {
  it('catches at least 95% of identifying details and at least 90% of what it flags is identifying', () => {
    const rows = load('eval.jsonl');
    const s = score(rows);
    console.log(`${figures('eval.jsonl', rows, s)}\n${s.wrong.join('\n')}`);
    expect(s.recall).toBeGreaterThanOrEqual(0.95);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('still passes every sentence it was first developed on', () => {
    expect(score(load('dev.jsonl')).wrong).toEqual([]);
  });
});
