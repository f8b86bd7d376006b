import type { SeniorReportView } from './senior-view';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A bar chart as inline SVG: every bar labelled with its value, so no meaning rests on colour. */
export function barSvg(title: string, points: readonly { x: string; y: number }[], max = 100): string {
  const w = 640;
  const rowH = 28;
  const labelW = 220;
  const h = points.length * rowH + 36;
  const bars = points
    .map((p, i) => {
      const y = 30 + i * rowH;
      const len = Math.max(0, Math.round(((w - labelW - 60) * p.y) / max));
      return `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end">${esc(p.x)}</text><rect x="${labelW}" y="${y}" width="${len}" height="20" fill="#2f5597"/><text x="${labelW + len + 6}" y="${y + 15}">${p.y}${max === 100 ? '%' : ''}</text>`;
    })
    .join('');
  return `<svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg" font-family="Arial" font-size="13"><title>${esc(title)}</title><text x="0" y="16" font-weight="bold">${esc(title)}</text>${bars}</svg>`;
}

/** A line chart as inline SVG, each point marked and labelled with its value. */
export function lineSvg(title: string, points: readonly { x: string; y: number }[]): string {
  const w = 640;
  const h = 240;
  const left = 40;
  const top = 30;
  const plotH = 160;
  const step = points.length > 1 ? (w - left - 20) / (points.length - 1) : 0;
  const xy = points.map((p, i) => [left + i * step, top + plotH - (plotH * p.y) / 100] as const);
  const path = xy.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const marks = points
    .map((p, i) => {
      const [x, y] = xy[i] as readonly [number, number];
      return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="4" fill="#2f5597"/><text x="${x.toFixed(1)}" y="${(y - 8).toFixed(1)}" text-anchor="middle">${p.y}%</text><text x="${x.toFixed(1)}" y="${top + plotH + 18}" text-anchor="middle">${esc(p.x)}</text>`;
    })
    .join('');
  return `<svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg" font-family="Arial" font-size="12"><title>${esc(title)}</title><text x="0" y="16" font-weight="bold" font-size="13">${esc(title)}</text><line x1="${left}" y1="${top + plotH}" x2="${w - 10}" y2="${top + plotH}" stroke="#333"/><path d="${path}" fill="none" stroke="#2f5597" stroke-width="2"/>${marks}</svg>`;
}

/**
 * The annual (or any period's) participation report as one printable HTML file with inline SVG charts.
 * Built from the presented view, so it carries exactly the suppressed numbers the channel saw.
 */
export function annualReportHtml(v: SeniorReportView, councilName: string): string {
  const sections = v.sections
    .map((s) => {
      const charts = [s.line.length ? lineSvg(s.lineTitle, s.line) : '', s.bars.length ? barSvg(s.barsTitle, s.bars) : ''].join('');
      const rows = s.facts.map((f) => `<tr><th scope="row">${esc(f.title)}</th><td>${esc(f.value)}</td></tr>`).join('');
      const notes = s.notes.length ? `<div class="note"><p><strong>What these numbers count</strong></p>${s.notes.map((n) => `<p>${esc(n.text)}</p>`).join('')}</div>` : '';
      return `<section><h2>${esc(s.title)}</h2><p>${esc(s.intro)}</p>${charts ? `<figure>${charts}</figure>` : ''}<table><tbody>${rows}</tbody></table>${notes}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(councilName)}: ${esc(v.title)}</title>
<style>
body{font-family:Arial,Helvetica,sans-serif;max-width:52em;margin:2em auto;padding:0 1em;color:#111;line-height:1.4}
h1{font-size:1.8em}h2{border-top:2px solid #333;padding-top:.4em;margin-top:1.6em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3em .5em;text-align:left;vertical-align:top}
th{width:45%;font-weight:normal}figure{margin:1em 0}svg{max-width:100%;height:auto}
.note{font-size:.9em}@media print{section{break-inside:avoid}body{margin:0}}
</style></head><body>
<p>${esc(councilName)}</p>
<h1>${esc(v.title)}</h1>
<p>${esc(v.period)}</p>
<p class="note">${esc(v.note)}</p>
<section><h2>${esc(v.attentionTitle)}</h2>${v.attention.length ? `<ul>${v.attention.map((l) => `<li>${esc(l.text)} <em>${esc(l.see)}</em></li>`).join('')}</ul>` : `<p>${esc(v.attentionEmpty)}</p>`}</section>
${sections}
</body></html>`;
}
