// The PII guard's time per typical sentence (target: under 1 ms), over every sentence of the PII corpora, with
// the demo council's gazetteer. Run alone with `node bench/run.mjs bench/pii.ts`; benchPii() is for bench/run.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPii, type PiiGuardOptions } from '../core/pii';

export interface PiiBench {
  sentences: number;
  checks: number;
  meanChars: number;
  msPerSentence: number;
  /** The slowest single sentence, timed alone (mean of its rounds). */
  slowestMs: number;
}

export function benchPii(root = process.env.GT_ROOT ?? join(__dirname, '..'), rounds = 20): PiiBench {
  const dir = join(root, 'tests/fixtures/pii-corpus');
  const texts = ['worker-typed.jsonl', 'eval.jsonl', 'dev.jsonl'].flatMap((f) =>
    readFileSync(join(dir, f), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text),
  );
  const options: PiiGuardOptions = {
    gazetteer: (JSON.parse(readFileSync(join(dir, 'gazetteer.json'), 'utf8')) as { places: string[] }).places,
    notNames: ['Dreams', 'Health', 'Safe', 'important', 'Relationships', 'Adult', 'life'],
    now: () => new Date(),
  };
  for (const t of texts) findPii(t, options); // warm up
  const started = performance.now();
  for (let i = 0; i < rounds; i++) for (const t of texts) findPii(t, options);
  const msPerSentence = (performance.now() - started) / (rounds * texts.length);
  let slowestMs = 0;
  for (const t of texts) {
    const s = performance.now();
    for (let i = 0; i < rounds; i++) findPii(t, options);
    slowestMs = Math.max(slowestMs, (performance.now() - s) / rounds);
  }
  const meanChars = Math.round(texts.reduce((a, t) => a + t.length, 0) / texts.length);
  return { sentences: texts.length, checks: rounds * texts.length, meanChars, msPerSentence, slowestMs };
}

if (require.main === module) {
  const r = benchPii();
  console.log(`PII guard: ${r.msPerSentence.toFixed(3)} ms per sentence (target < 1 ms), slowest ${r.slowestMs.toFixed(3)} ms; ${r.checks} checks of ${r.sentences} sentences, ${r.meanChars} characters on average`);
}
