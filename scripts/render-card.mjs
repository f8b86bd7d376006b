#!/usr/bin/env node
// Renders bound Adaptive Card JSON to PNG in headless Chromium with the adaptivecards (browser) renderer,
// for README pictures and eyeballing cards. Teams-only elements (Chart.*) render as their fallback.
// Usage: node scripts/render-card.mjs <card.json> <out.png> [<card.json> <out.png> ...] [--width 640]
/* global document, window */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];  // playwright gives each launch a fresh temporary profile

/** Headless Chromium as PLATFORM-NOTES.md says it works here (Debian's chromium, no network beyond loopback). */
export const launchChromium = () => chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });

/** A page that may load nothing from the network (the renderer asks a CDN for icons), with the adaptivecards renderer loaded. */
export async function cardPage(browser, contextOptions, html) {
  const context = await browser.newContext(contextOptions);
  await context.route('**/*', (route) => (route.request().url().startsWith('data:') || route.request().url() === 'about:blank' ? route.continue() : route.abort()));
  const page = await context.newPage();
  await page.setContent(html);
  await page.addScriptTag({ content: readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8') });
  return page;
}

/** Renders each card to its PNG; returns nothing, throws on the first failure. */
export async function renderCardsToPng(pairs, { width = 640 } = {}) {
  const browser = await launchChromium();
  try {
    const page = await cardPage(browser, { viewport: { width: width + 32, height: 800 }, deviceScaleFactor: 1 }, `<!doctype html><html><head><meta charset="utf-8"><style>
      body{margin:0;padding:16px;background:#f5f5f5;font-family:"Segoe UI",system-ui,sans-serif}
      #card{width:${width}px;background:#fff;border:1px solid #ddd;border-radius:6px;overflow:hidden}
      .ac-textBlock{font-family:"Segoe UI",system-ui,sans-serif}
    </style></head><body><div id="card"></div></body></html>`);
    for (const { card, out } of pairs) {
      const problems = await page.evaluate((json) => {
        const host = document.getElementById('card');
        host.innerHTML = '';
        const ac = new window.AdaptiveCards.AdaptiveCard();
        ac.hostConfig = new window.AdaptiveCards.HostConfig({ fontFamily: 'Segoe UI, system-ui, sans-serif' });
        const errors = [];
        ac.parse(json, new window.AdaptiveCards.SerializationContext());
        const el = ac.render();
        if (!el) errors.push('nothing rendered');
        else host.appendChild(el);
        return errors;
      }, card);
      if (problems.length) throw new Error(`${out}: ${problems.join('; ')}`);
      await page.locator('#card').screenshot({ path: out });
      console.log(`rendered ${out}`);
    }
  } finally {
    await browser.close();
  }
}

/** Renders whole HTML pages (the printable exports) to PNG, full page. */
export async function renderHtmlToPng(pairs, { width = 900 } = {}) {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    await context.route('**/*', (route) => (route.request().url().startsWith('data:') || route.request().url() === 'about:blank' ? route.continue() : route.abort()));
    const page = await context.newPage();
    for (const { html, out } of pairs) {
      await page.setContent(html);
      await page.screenshot({ path: out, fullPage: true });
      console.log(`rendered ${out}`);
    }
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const w = args.indexOf('--width');
  const width = w >= 0 ? Number(args.splice(w, 2)[1]) : 640;
  if (args.length === 0 || args.length % 2) {
    console.error('usage: node scripts/render-card.mjs <card.json> <out.png> [...] [--width 640]');
    process.exit(2);
  }
  const pairs = [];
  for (let i = 0; i < args.length; i += 2) pairs.push({ card: JSON.parse(readFileSync(args[i], 'utf8')), out: args[i + 1] });
  await renderCardsToPng(pairs, { width });
}
