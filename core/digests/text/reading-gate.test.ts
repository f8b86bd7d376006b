import { computeCiccDigest } from '../cicc/cicc';
import { hardToRead, SAFE_LINES } from '../cicc/cicc-gate';
import { presentCicc } from '../cicc/cicc-view';
import { inMemoryExampleFacts, inMemoryForumCalendar, inMemoryTrackerFacts } from '../../testing';
import type { ExampleFact, TrackerItemFact } from '../ports';
import { checkReading, READING_AGE_LIMIT, readingAdvice, sentenceReadingAge, sentencesOf } from './reading-gate';
import { piiTextGuard } from './text-guard';
import { defaultPromises } from '../../model/promises';

const JARGON = ['corporate parenting', 'placement stability', 'multi-agency safeguarding arrangements', 'statutory reviews', 'pathway planning', 'independent reviewing officers', 'commissioning intentions', 'therapeutic interventions', 'accommodation provision', 'personal education plans'];
const LONG_WORDS = ['organisational', 'accountability', 'responsibilities', 'communication', 'representatives', 'consideration', 'infrastructure', 'opportunities', 'implementation', 'characteristics'];
const PLAIN = ['You told us', 'the bus pass', 'was late', 'so we', 'now get it', 'on the day', 'you move', 'and we', 'check it', 'each week'];

/** A small seeded generator, so a failure names a text that can be made again. */
function texts(seed: number, n: number): string[] {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31), x / 2 ** 31);
  const pick = <T>(a: readonly T[]) => a[Math.floor(next() * a.length)] as T;
  return Array.from({ length: n }, () => {
    const sentences = 1 + Math.floor(next() * 3);
    return Array.from({ length: sentences }, () => {
      const parts = Array.from({ length: 2 + Math.floor(next() * 14) }, () => (next() < 0.25 ? pick(JARGON) : next() < 0.35 ? pick(LONG_WORDS) : pick(PLAIN)));
      const s = parts.join(next() < 0.2 ? ', and ' : ' ');
      return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
    }).join(' ');
  });
}

describe('the reading-age gate for shareable texts', () => {
  it('tells the author the score, the hardest words and plainer ones when a text is above age 11', () => {
    const c = checkReading('The corporate parenting board considered the organisational accountability arrangements for placement stability.');
    expect(c.over).toBe(true);
    expect(c.readingAge).toBeGreaterThan(READING_AGE_LIMIT);
    expect(c.hardWords).toContain('organisational');
    expect(c.suggestions).toEqual(expect.arrayContaining([{ from: 'corporate parenting board', to: "the council's board for children in care" }, { from: 'placement stability', to: 'staying in one home' }]));
    const advice = readingAdvice(c);
    expect(advice).toMatch(/reads at age [\d.]+, and the Children in Care Council's limit is 11/);
    expect(advice).toContain('"organisational"');
  });

  it('lets plain words through, and says nothing to their author', () => {
    const c = checkReading('You told us the bus pass was late. So we now get it on the day you move.');
    expect(c.over).toBe(false);
    expect(readingAdvice(c)).toBe('');
  });

  it('does not fail a short sentence for one long word (Flesch-Kincaid is unstable on a few words)', () => {
    expect(sentenceReadingAge('Celebrations.')).toBeLessThanOrEqual(READING_AGE_LIMIT);
    expect(checkReading('We held a party. Celebrations.').over).toBe(false);
  });

  it('judges jargon by what young people will read: a swap the digest makes itself is not held against the author', () => {
    expect(checkReading('Looked after children said their placement moves were not communicated to them.').over).toBe(false);
  });

  it('never lets a CICC digest sentence above the limit through, on 400 generated items', async () => {
    const generated = texts(7, 400);
    const over = generated.filter((t) => checkReading(t).over).length;
    expect(over).toBeGreaterThan(100); // the generator writes plenty of hard text
    expect(generated.length - over).toBeGreaterThan(30); // and plenty of plain text
    const tracker: TrackerItemFact[] = generated.slice(0, 300).map((t, i) => ({
      id: `t${i}`, raisedAt: '2026-10-01T10:00:00Z', due: '2027-01-29', status: (['done', 'not_possible', 'open'] as const)[i % 3]!,
      closedAt: i % 3 === 2 ? undefined : '2026-11-20T10:00:00Z', youSaid: `${t} (${i})`, outcome: i % 3 === 2 ? undefined : generated[(i * 7) % 400], promiseId: defaultPromises[i % 5]!.id, shareable: true,
      raisedBy: i % 4 === 3 ? { kind: 'child' as const } : { kind: 'forum' as const, forumId: 'cicc', forumType: 'CICC' as const },
    }));
    const examples: ExampleFact[] = generated.slice(300).map((t, i) => ({ id: `e${i}`, recordedAt: '2026-11-20T10:00:00Z', promiseIds: ['health'], mode: 'consulted_informed', shareable: true, summary: `${generated[(i * 3) % 300]?.split('.')[0]}. You said: ${t} We did: ${generated[i]}` }));
    const forums = [{ id: 'n', forum: 'CICC' as const, start: '2026-11-10T17:00:00Z' }, { id: 'd', forum: 'CICC' as const, start: '2026-12-08T17:00:00Z' }];
    const digest = await computeCiccDigest({ tracker: inMemoryTrackerFacts(tracker), examples: inMemoryExampleFacts(examples), forums: inMemoryForumCalendar(forums) }, { occurrence: forums[1]!, now: new Date('2026-12-03T08:00:00Z'), promises: defaultPromises, guard: piiTextGuard });
    const view = presentCicc(digest);
    const shown = [...view.done.flatMap((d) => [d.youSaid, d.weDid]), ...view.others.flatMap((d) => [d.youSaid, d.weDid]), ...view.working.map((w) => w.youSaid), ...view.notPossible.flatMap((d) => [d.youSaid, d.why]), ...view.examples.map((e) => e.text)];
    expect(shown.length).toBeGreaterThan(200);
    const sentences = shown.flatMap(sentencesOf);
    const worst = Math.max(...sentences.map(sentenceReadingAge));
    process.stdout.write(`Generated set: ${sentences.length} digest sentences from ${shown.length} texts, the hardest reads at age ${worst.toFixed(1)}\n`);
    expect(sentences.filter((s) => sentenceReadingAge(s) > READING_AGE_LIMIT)).toEqual([]);
    // Plain items are still quoted, and every hard one is kept, by a safe line or its title.
    expect(shown.filter((s) => !Object.values(SAFE_LINES).includes(s as never)).length).toBeGreaterThan(40);
    expect(view.done).toHaveLength(digest.done.length);
    // Each hard tracker item is for an officer to reword.
    const hard = hardToRead(digest);
    expect(hard.length).toBeGreaterThan(20);
    expect(hard.every((h) => h.id.startsWith('t'))).toBe(true);
  });

  it('keeps the safe lines themselves within the limit', () => {
    for (const line of Object.values(SAFE_LINES)) expect(checkReading(line).over).toBe(false);
  });
});
