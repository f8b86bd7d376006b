#!/usr/bin/env node
// Renders every digest card (built from the demo council) to docs/images/<name>.png, and writes the bound
// JSON beside it in .local/cards/. Usage: node scripts/render-cards-digests.mjs
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderCardsToPng, renderHtmlToPng } from './render-card.mjs';

const root = join(import.meta.dirname, '..');
const outdir = join(root, '.local', 'cards');
mkdirSync(outdir, { recursive: true });
const bundle = join(outdir, 'demo-digest-cards.cjs');
await build({ entryPoints: [join(root, 'scripts/render-cards-digests.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'warning' });
const { demoDigestCards, pages } = await import(pathToFileURL(bundle).href);
const cards = await demoDigestCards();
const pairs = Object.entries(cards).map(([name, card]) => {
  writeFileSync(join(outdir, `${name}.json`), JSON.stringify(card, null, 2));
  return { card, out: join(root, 'docs/images', `${name}.png`) };
});
await renderCardsToPng(pairs);
await renderHtmlToPng(Object.entries(pages).map(([name, html]) => {
  writeFileSync(join(outdir, `${name}.html`), html);
  return { html, out: join(root, 'docs/images', `${name}.png`) };
}));
