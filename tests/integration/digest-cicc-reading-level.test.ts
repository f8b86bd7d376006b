import { ciccDigestCards, ciccAuditCard } from '../../cards/digests-cicc';
import { computeCiccDigest } from '../../core/digests/cicc';
import { presentAudit, presentCicc } from '../../core/digests/cicc-view';
import { ciccPrintableHtml } from '../../core/digests/cicc-printable';
import { demoCouncil } from '../../core/digests/demo-council';
import { inMemoryExampleFacts, inMemoryForumCalendar, inMemoryTrackerFacts } from '../../core/digests/in-memory-facts';
import { readingLevel } from '../../core/digests/reading-level';
import { piiTextGuard } from '../../core/digests/text-guard';
import { defaultPromises } from '../../core/model/promises';

const NOW = new Date('2026-12-03T08:00:00Z');

// Every string a young person reads on the card: TextBlock texts, fact titles and values, labels, choices, buttons.
const readableText = (card: unknown): string[] => {
  const out: string[] = [];
  const walk = (v: unknown, key = ''): void => {
    if (typeof v === 'string') {
      if (['text', 'title', 'value', 'label'].includes(key) && /[A-Za-z]/.test(v) && !/^https?:/.test(v) && !/^[a-z_]+$/.test(v)) out.push(v.replace(/\*\*/g, ''));
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object' && (v as { type?: string }).type === 'RichTextBlock')
      out.push(((v as { inlines: { text: string }[] }).inlines ?? []).map((i) => i.text).join(''));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'data' || !Array.isArray(x)) walk(x, k);
  };
  walk(card);
  return out;
};

async function demoCicc() {
  const demo = demoCouncil({ now: NOW });
  const facts = { tracker: inMemoryTrackerFacts(demo.tracker), examples: inMemoryExampleFacts(demo.examples), forums: inMemoryForumCalendar(demo.forums) };
  const occurrence = demo.forums.find((f) => f.forum === 'CICC' && f.start > NOW.toISOString())!;
  return { occurrence, digest: await computeCiccDigest(facts, { occurrence, now: NOW, promises: defaultPromises, guard: piiTextGuard }) };
}

describe('the CICC digest is written for young people', () => {
  it('reads at age 11 or below (Flesch-Kincaid grade + 5), on the demo council', async () => {
    const { digest } = await demoCicc();
    const text = ciccDigestCards(presentCicc(digest)).flatMap(readableText);
    expect(text.length).toBeGreaterThan(10);
    const level = readingLevel(text.map((t) => (/[.!?]$/.test(t) ? t : `${t}.`)).join('\n'));
    process.stdout.write(`CICC digest reading age ${level.readingAge.toFixed(1)} (grade ${level.grade.toFixed(1)}, ${level.words} words, ${level.sentences} sentences)\n`);
    expect(level.readingAge).toBeLessThanOrEqual(11);
    expect(level.sentences).toBeGreaterThan(10);
  });

  it('has evidence to show: things done and examples under the promises', async () => {
    const { digest } = await demoCicc();
    expect(digest.done.length).toBeGreaterThan(0);
    expect(digest.promises.some((p) => p.highlights.length > 0)).toBe(true);
  });

  it('keeps the audit card and the printable page at age 11 or below too', async () => {
    const { digest, occurrence } = await demoCicc();
    const audit = readableText(ciccAuditCard(presentAudit(occurrence, defaultPromises)));
    expect(readingLevel(audit.map((t) => `${t}.`).join('\n')).readingAge).toBeLessThanOrEqual(11);
    const html = ciccPrintableHtml(presentCicc(digest), 'Demo Borough Council');
    const body = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, '\n').replace(/&#39;/g, "'").replace(/&[a-z]+;/g, ' ');
    expect(readingLevel(body).readingAge).toBeLessThanOrEqual(11);
  });
});
