import type { CiccDigestView } from './cicc-view';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The CICC digest as a printable page, for young people who are not in the council's Teams. Same words as the card. */
export function ciccPrintableHtml(v: CiccDigestView, councilName: string): string {
  const pairs = (rows: { a: string; b: string }[], la: string, lb: string) =>
    rows.map((r) => `<div class="pair"><p><strong>${la}</strong> ${esc(r.a)}</p><p><strong>${lb}</strong> ${esc(r.b)}</p></div>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(v.title)}</title>
<style>
body{font-family:Arial,Helvetica,sans-serif;font-size:14pt;line-height:1.5;max-width:42em;margin:2em auto;padding:0 1em;color:#111}
h1{font-size:22pt}h2{font-size:17pt;border-top:2px solid #333;padding-top:.5em}
.pair{margin:0 0 1em;padding-left:.8em;border-left:4px solid #555}.pair p{margin:.2em 0}
.note{font-size:12pt}@media print{body{margin:0}}
</style></head><body>
<p>${esc(councilName)}</p>
<h1>${esc(v.title)}</h1>
<p>${esc(v.intro)}</p>
<h2>You told us, so we did something</h2>
${v.done.length ? pairs(v.done.map((d) => ({ a: d.youSaid, b: d.weDid })), 'You told us:', 'So we:') : `<p>${esc(v.doneEmpty)}</p>`}
${v.notPossible.length ? `<h2>We couldn't do these</h2>\n${pairs(v.notPossible.map((d) => ({ a: d.youSaid, b: d.why })), 'You told us:', "We couldn't, because:")}` : ''}
<p>${esc(v.stillOpen)}</p>
<h2>Our promises to you</h2>
${v.promises
  .map((p) => `<h3>${esc(p.title)}</h3><p>${esc(p.count)}</p>${p.highlights.length ? `<ul>${p.highlights.map((h) => `<li>${esc(h.text)}</li>`).join('')}</ul>` : ''}`)
  .join('\n')}
<p class="note">${esc(v.note)}</p>
</body></html>`;
}
