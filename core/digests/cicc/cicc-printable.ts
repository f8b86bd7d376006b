import type { CiccDigestView } from './cicc-view';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const label = (l: string) => (l ? `<p class="label">${esc(l)}</p>` : '');

const STYLE = `body{font-family:Arial,Helvetica,sans-serif;font-size:14pt;line-height:1.5;max-width:42em;margin:2em auto;padding:0 1em;color:#111}
h1{font-size:22pt}h2{font-size:17pt;border-top:2px solid #333;padding-top:.5em}
.pair{margin:0 0 1em;padding-left:.8em;border-left:4px solid #555}.pair p{margin:.2em 0}
.label{font-size:11pt;color:#333}.note{font-size:12pt}@media print{body{margin:0}}`;

const pair = (a: [string, string], b: [string, string], l = '') =>
  `<div class="pair"><p><strong>${a[0]}</strong> ${esc(a[1])}</p><p><strong>${b[0]}</strong> ${esc(b[1])}</p>${label(l)}</div>`;

/** What a forum's printable "You said, we did" shows: only texts that passed the PII guard. */
export interface ForumPrintableView {
  forumName: string;
  dateWords: string;
  done: { text: string; result: string; notPossible: boolean }[];
  open: { text: string; dueWords: string }[];
}

/** A forum's "You said, we did" as a printable page (families' and care leavers' forums), in the CICC page's style. */
export function forumPrintableHtml(v: ForumPrintableView, councilName: string): string {
  const title = `You said, we did: ${v.forumName}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
${STYLE}
</style></head><body>
<p>${esc(councilName)}</p>
<h1>${esc(title)}</h1>
<p>${esc(`For the meeting on ${v.dateWords}.`)}</p>
<h2>What we did with what you told us</h2>
${v.done.length ? v.done.map((d) => pair(['You said:', d.text], [d.notPossible ? 'We could not, because:' : 'We did:', d.result])).join('\n') : '<p>Nothing is finished yet. We will tell you when it is.</p>'}
<h2>What we are still working on</h2>
${v.open.length ? v.open.map((o) => `<div class="pair"><p><strong>You said:</strong> ${esc(o.text)}</p><p>${esc(`We will tell you by ${o.dueWords}.`)}</p></div>`).join('\n') : '<p>Nothing else is still open.</p>'}
<p class="note">No one is named here.</p>
</body></html>`;
}

/** The CICC digest as a printable page, for young people who are not in the council's Teams. Same words, same order as the card. */
export function ciccPrintableHtml(v: CiccDigestView, councilName: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(v.title)}</title>
<style>
${STYLE}
</style></head><body>
<p>${esc(councilName)}</p>
<h1>${esc(v.title)}</h1>
<p>${esc(v.intro)}</p>
<h2>${esc(v.changedTitle)}</h2>
${v.done.length ? v.done.map((d) => pair(['You told us:', d.youSaid], ['So we:', d.weDid], d.label)).join('\n') : `<p>${esc(v.doneEmpty)}</p>`}
${v.examples.length ? `${v.examplesTitle ? `<h3>${esc(v.examplesTitle)}</h3>` : ''}<ul>${v.examples.map((e) => `<li>${esc(e.text)}${label(e.label)}</li>`).join('')}</ul>` : ''}
<h2>${esc(v.workingTitle)}</h2>
${v.workingEmpty ? `<p>${esc(v.workingEmpty)}</p>` : ''}
${v.working.map((w) => `<div class="pair"><p><strong>You told us:</strong> ${esc(w.youSaid)}</p><p>${esc(w.who)}</p><p>${esc(w.when)}</p>${label(w.label)}</div>`).join('\n')}
${v.workingMore ? `<p>${esc(v.workingMore)}</p>` : ''}
${v.notPossible.length ? `<h2>${esc(v.couldNotTitle)}</h2>\n${v.notPossible.map((d) => pair(['You told us:', d.youSaid], ['We could not, because:', d.why], d.label)).join('\n')}` : ''}
${v.did.length ? `<h2>${esc(v.didTitle)}</h2><ul>${v.did.map((d) => `<li>${esc(d.text)}</li>`).join('')}</ul>` : ''}
${v.others.length ? `<h2>${esc(v.othersTitle)}</h2>\n<p>${esc(v.othersIntro)}</p>\n${v.others.map((d) => pair(['Asked for:', d.youSaid], ['So we:', d.weDid], d.label)).join('\n')}` : ''}
<h2>${esc(v.numbersTitle)}</h2>
<ul>${v.numbers.map((n) => `<li>${esc(n.title)}: ${esc(n.value)}</li>`).join('')}</ul>
<h3>${esc(v.chartTitle)}</h3>
<ul>${v.rows.map((n) => `<li>${esc(n.title)}: ${esc(n.value)}</li>`).join('')}</ul>
<p class="note">${esc(v.note)}</p>
</body></html>`;
}
