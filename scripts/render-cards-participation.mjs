#!/usr/bin/env node
// Renders the surveys-and-activities pictures to docs/images/<name>.png (JSON beside them in .local/cards/).
// Usage: node scripts/render-cards-participation.mjs
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderCardsToPng } from './render-card.mjs';

const root = join(import.meta.dirname, '..');
const outdir = join(root, '.local', 'cards');
mkdirSync(outdir, { recursive: true });
const bundle = join(outdir, 'participation-cards.cjs');
await build({ entryPoints: [join(root, 'scripts/render-cards-participation.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'warning' });
const { participationCards } = await import(pathToFileURL(bundle).href);
const cards = await participationCards();
await renderCardsToPng(Object.entries(cards).map(([name, card]) => {
  writeFileSync(join(outdir, `${name}.json`), JSON.stringify(card, null, 2));
  return { card, out: join(root, 'docs/images', `${name}.png`) };
}));
console.log(Object.keys(cards).map((n) => `docs/images/${n}.png`).join('\n'));
