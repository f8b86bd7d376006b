// Splits tests/fixtures/pii-corpus/worker-typed.jsonl into a development part and a set-aside part.
// Seeded (mulberry32, seed 13), so anyone can re-run it and get the same two files; run once, before any rule
// was changed. The set-aside part (40%, stratified so it has the same share of identifying sentences) is
// only ever scored as figures, never read for tuning.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '..', 'tests', 'fixtures', 'pii-corpus');
const rows = readFileSync(join(dir, 'worker-typed.jsonl'), 'utf8').trim().split('\n');

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(13);
const shuffle = (xs) => {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
};

const dev = [];
const setAside = [];
for (const identifying of [true, false]) {
  const group = shuffle(rows.filter((line) => JSON.parse(line).kinds.length > 0 === identifying));
  const cut = Math.ceil(group.length * 0.4);
  setAside.push(...group.slice(0, cut));
  dev.push(...group.slice(cut));
}
// Written back in the corpus's own order, so the files read as written.
const order = (part) => rows.filter((line) => part.includes(line)).join('\n') + '\n';
writeFileSync(join(dir, 'worker-dev.jsonl'), order(dev));
writeFileSync(join(dir, 'worker-set-aside.jsonl'), order(setAside));
console.log(`dev ${dev.length}, set aside ${setAside.length}`);
