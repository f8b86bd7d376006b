import { ciccDigestCards, ciccAuditCard } from '../../cards/digests-cicc';
import { computeCiccDigest, presentAudit, presentCicc, ciccPrintableHtml, readingLevel, piiTextGuard, ciccEmptyLines, ciccActivityLines, sentencesOf, sentenceReadingAge, READING_AGE_LIMIT, CICC_AUDIT_WORDS } from '../../core/digests';
import { POLICY } from '../../core/roles';
import { forumReminderCard } from '../../cards/forums-cards';
import { ActivityKindSchema, RecognitionSchema } from '../../core/activities';
import { demoCouncil } from '../../scripts/demo/digest-council';
import { inMemoryExampleFacts, inMemoryForumCalendar, inMemoryTrackerFacts } from '../../core/testing';
import type { ExampleFact, TrackerItemFact } from '../../core/digests';
import { defaultPromises } from '../../core/model';

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

const cardReadingAge = (cards: unknown[]) => {
  const text = cards.flatMap(readableText);
  return readingLevel(text.map((t) => (/[.!?]$/.test(t) ? t : `${t}.`)).join('\n'));
};

// A long set written the way staff often write: care-system jargon, long sentences, several clauses each.
const JARGON_SAID = [
  'Looked after children said that their placement moves were not communicated to them prior to the move taking place.',
  'Young people in care said that the IRO did not facilitate their participation in their LAC review meetings.',
  'Care experienced young people said their pathway plans did not demonstrate sufficient consultation with them.',
  'CLA children said that multi-agency meetings regarding their placement stability were too long, and they did not understand the procedures.',
  'Young people said that accommodation provision for care leavers was not sufficient in relation to their requirements.',
  'Looked after young people said there were not enough opportunities for participation in commissioning decisions.',
  'Young people said that practitioners should communicate assessment outcomes to them prior to any decisions.',
  'Children in care said that corporate parents should demonstrate how their feedback has subsequently been utilised.',
];
const JARGON_DID = [
  'We have implemented a new protocol to ensure that placement moves are communicated to young people prior to the move, and social workers now visit the day before.',
  'We have established additional training for IROs in order to facilitate participation, which commenced in October.',
  'We have enhanced the pathway planning procedures to ensure consultation is evidenced; however, this will be reviewed in April.',
  'We have commissioned an additional advocacy provision to facilitate participation in multi-agency meetings regarding placement stability.',
  'We have identified additional accommodation provision for care leavers and established a new priority protocol with housing colleagues.',
  'We have established a young commissioners group, and young people now participate in commissioning decisions.',
];
const JARGON_WHY = [
  'Budgetary requirements mean that additional financial provision cannot be implemented in the current financial year; however, this will be reviewed in April.',
  'The accommodation procedures are set by national requirements, therefore we cannot change them locally, but we have communicated your feedback to the government.',
];
const JARGON_EXAMPLES = [
  'Looked after children participated in the recruitment of practitioners, and their feedback was utilised in the final decisions.',
  'Care experienced young people facilitated a consultation event regarding accommodation provision for care leavers.',
  'Young people in care co-produced the new placement stability protocol with multi-agency colleagues.',
  'CLA children participated in a commissioning initiative regarding additional health assessment provision.',
  'Young people demonstrated their achievements at a celebration event, and corporate parents subsequently committed to additional opportunities.',
];

function jargonHeavyFacts() {
  const tracker: TrackerItemFact[] = [];
  let n = 0;
  const item = (status: TrackerItemFact['status'], youSaid: string, outcome?: string, due = '2027-01-29'): TrackerItemFact => ({
    id: `j${n++}`, raisedAt: '2026-10-01T10:00:00Z', due, status, closedAt: status === 'open' ? undefined : '2026-11-20T10:00:00Z', youSaid, outcome,
    promiseId: defaultPromises[n % defaultPromises.length]!.id, who: 'the North Children in Care team', shareable: true, raisedBy: { kind: 'forum', forumId: 'cicc', forumType: 'CICC' },
  });
  JARGON_DID.forEach((did, i) => tracker.push(item('done', JARGON_SAID[i]!, did)));
  JARGON_WHY.forEach((why, i) => tracker.push(item('not_possible', JARGON_SAID[6 + i]!, why)));
  JARGON_SAID.forEach((said, i) => tracker.push(item('open', said.replace(/said that|said/, 'asked that'), undefined, i % 2 ? '2026-11-01' : '2027-02-26')));
  const examples: ExampleFact[] = JARGON_EXAMPLES.map((summary, i) => ({
    id: `je${i}`, recordedAt: '2026-11-20T10:00:00Z', promiseIds: [defaultPromises[i % 5]!.id, defaultPromises[(i + 2) % 5]!.id], mode: 'consulted_informed', shareable: true, summary,
  }));
  const forums = [{ id: 'cicc:2026-11-10', forum: 'CICC' as const, start: '2026-11-10T17:00:00Z' }, { id: 'cicc:2026-12-08', forum: 'CICC' as const, start: '2026-12-08T17:00:00Z' }];
  return { facts: { tracker: inMemoryTrackerFacts(tracker), examples: inMemoryExampleFacts(examples), forums: inMemoryForumCalendar(forums) }, occurrence: forums[1]! };
}

describe('the CICC digest is written for young people', () => {
  it('reads at age 11 or below on a long set of jargon-heavy items, every one still there', async () => {
    const { facts, occurrence } = jargonHeavyFacts();
    const before = readingLevel([...JARGON_SAID, ...JARGON_DID, ...JARGON_WHY, ...JARGON_EXAMPLES].join('\n'));
    const digest = await computeCiccDigest(facts, { occurrence, now: NOW, promises: defaultPromises, guard: piiTextGuard });
    const view = presentCicc(digest);
    const level = cardReadingAge(ciccDigestCards(view));
    process.stdout.write(`Jargon-heavy set: staff texts alone read at age ${before.readingAge.toFixed(1)}; the CICC digest card reads at age ${level.readingAge.toFixed(1)} (${level.words} words)\n`);
    expect(before.readingAge).toBeGreaterThan(14);
    expect([view.done.length, view.working.length, view.notPossible.length, view.examples.length]).toEqual([6, 8, 2, 5]);
    expect(level.readingAge).toBeLessThanOrEqual(11);
    // Not just diluted by the card's own short lines: the staff texts as shown read at 11 or below too.
    const staff = readingLevel([...view.done.flatMap((d) => [d.youSaid, d.weDid]), ...view.working.map((w) => w.youSaid), ...view.notPossible.flatMap((d) => [d.youSaid, d.why]), ...view.examples.map((e) => e.text)].join('\n'));
    process.stdout.write(`Jargon-heavy set: the same staff texts, as the digest shows them, read at age ${staff.readingAge.toFixed(1)}\n`);
    expect(staff.readingAge).toBeLessThanOrEqual(11);
  });

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
    expect(digest.examples.length).toBeGreaterThan(0);
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

// Words staff use that a 12-year-old in care would not know (plain-words.ts swaps them in staff texts; the card's own words must not need it).
const STAFF_WORDS = /\b(participation|advocacy|advocate|corporate parent\w*|escalat\w*|digest|facilitat\w*|administrator|board|audit\w*|percent|%)/i;
// The council's promise names are its own, and the ones the young people audit: a list of them is not a sentence to simplify.
const isPromiseLabel = (s: string) => new RegExp(`^Promises?: (${defaultPromises.map((p) => p.title).join('|')})(, (${defaultPromises.map((p) => p.title).join('|')}))*$`).test(s);
const tooHard = (strings: readonly string[]) =>
  [...new Set(strings)].filter((s) => !isPromiseLabel(s)).flatMap((s) => sentencesOf(s).filter((x) => sentenceReadingAge(x) > READING_AGE_LIMIT || STAFF_WORDS.test(x)).map((x) => `${sentenceReadingAge(x)}: ${x}`));

describe('every sentence a young person reads on the CICC cards', () => {
  it('is at reading age 11 or below with no staff words, headings, buttons, empty lines and numbers included, however the month went', async () => {
    const { digest } = await demoCicc();
    const strings = ciccDigestCards(presentCicc(digest, { printUrl: 'https://example.test/print' })).flatMap(readableText);
    // Every mix of done, not possible, open (shown or not) and examples: each empty line a young person could meet.
    for (const done of [0, 1]) for (const notPossible of [0, 1]) for (const open of [0, 1, 2]) for (const openShown of [0, 1]) for (const examples of [0, 1]) {
      const l = ciccEmptyLines({ done, notPossible, open, openShown: Math.min(open, openShown), examples });
      strings.push(l.doneEmpty, l.workingEmpty);
    }
    // An item with no team, and one that is late.
    const late = presentCicc({ ...digest, stillWorking: [{ ...digest.stillWorking[0]!, who: undefined, late: true, due: '2026-11-01' }], stillOpen: 9 });
    strings.push(...late.working.flatMap((w) => [w.who, w.when]), late.workingMore);
    // What young people did: each kind, with a small number held back and every kind of thanks.
    const kinds = ActivityKindSchema.options.map((kind, i) => ({ kind, activities: 1, youngPeople: i % 2 ? 3 : 12, hours: 2, recognition: RecognitionSchema.options }));
    strings.push(...ciccActivityLines({ activities: kinds.length, youngPeople: 60, hours: 12, byKind: kinds, recognised: [], promises: [] }, 5).map((d) => d.text));
    // The printable page: the same words, and its own.
    const html = ciccPrintableHtml(presentCicc(digest), 'Demo Borough Council').replace(/<style>[\s\S]*?<\/style>/, '').replace(/<title>[\s\S]*?<\/title>/, '');
    strings.push(...html.split(/<[^>]+>/).map((t) => t.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').trim()).filter((t) => /[A-Za-z]/.test(t) && t !== 'Demo Borough Council'));
    expect(tooHard(strings)).toEqual([]);
  });

  it("on the CICC's reminder in its channel, which young people read too: moved, open, done and held-back lines", () => {
    const strings = [0, 1, 2].flatMap((n) => readableText(forumReminderCard({
      forumId: 'cicc', forumName: 'Children in Care Council', forumType: 'Children in Care Council', dateWords: 'Wednesday 2 December 2026', timeWords: '5pm',
      daysToGo: 'in 7 days', moved: n > 0, place: 'Civic Centre', promises: n ? [{ text: 'More clubs in the holidays', dueWords: 'Sunday 31 January 2027' }] : [], withheld: n,
      done: n ? [{ text: 'Bus passes took too long', result: 'They now come in a week', notPossible: n === 2 }] : [], doneWithheld: n, forChannel: true,
    })));
    expect(strings.join('\n')).toContain('Still open');
    expect(tooHard(strings.filter((s) => s !== 'Children in Care Council'))).toEqual([]);
  });

  it('on the audit card: the questions, the choices, the button, every problem, the thank-you and the "not you" line', () => {
    const occurrence = { id: 'cicc:2026-12-08', start: '2026-12-08T17:00:00Z' };
    const cards = [
      presentAudit(occurrence, defaultPromises),
      presentAudit(occurrence, defaultPromises, { problems: { health: CICC_AUDIT_WORDS.names } }),
      presentAudit(occurrence, defaultPromises, { saved: CICC_AUDIT_WORDS.nothingChosen }),
      presentAudit(occurrence, defaultPromises, { saved: CICC_AUDIT_WORDS.thanks(1) }),
      presentAudit(occurrence, defaultPromises, { saved: CICC_AUDIT_WORDS.thanks(5) }),
      presentAudit(occurrence, defaultPromises, { saved: POLICY['cicc.audit'].refusal }),
    ].map((v) => readableText(ciccAuditCard(v)));
    const strings = cards.flat();
    for (const w of [CICC_AUDIT_WORDS.names, CICC_AUDIT_WORDS.nothingChosen, CICC_AUDIT_WORDS.thanks(5), POLICY['cicc.audit'].refusal]) expect(strings.join('\n')).toContain(w);
    expect(tooHard(strings)).toEqual([]);
  });
});
