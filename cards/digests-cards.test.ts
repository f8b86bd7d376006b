import { defaultPromises } from '../core/model';
import { presentAudit, presentCicc, computeCpbBriefing, presentCpb, piiTextGuard, HEARD_DEFINITIONS } from '../core/digests';
import { demoCouncil } from '../scripts/demo/digest-council';
import { inMemoryAuditStore, inMemoryCohortFacts, inMemoryExampleFacts, inMemoryForumCalendar, inMemoryTrackerFacts, inMemoryVoiceFacts } from '../core/testing';
import { cpbBriefingCards, AskAboutThisSchema } from './digests-cpb';
import { auditEntries, ciccAuditCard, ciccDigestCards, CiccAuditSubmitSchema } from './digests-cicc';
import { cardBytes, fitCards } from './digests-fit';
import { renderCard } from './render';
import { walk } from '../tests/support/card-nodes';
import { demoDigestCards } from '../scripts/render-cards-digests';

type Action = { type: string; verb?: string; data?: Record<string, unknown> };
const actionsOf = (card: unknown): Action[] => {
  const out: Action[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Action.')) out.push(o as Action);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
};

const headings = (card: unknown): string[] => {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'TextBlock' && o.weight === 'Bolder' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
};

const ciccView = () =>
  presentCicc(
    {
      occurrence: { id: 'cicc:2026-12-08', forum: 'CICC', start: '2026-12-08T17:00:00Z' },
      since: '2026-11-10T17:00:00Z',
      until: '2026-12-03T08:00:00Z',
      done: [{ youSaid: 'Bus passes took too long.', weDid: 'We now order them the day you move.', promiseId: 'adult-life' }],
      others: [],
      tellsIds: [],
      examples: [{ text: 'Young people chose the new health leaflet.', promiseIds: ['health', 'dreams'] }],
      stillWorking: [{ youSaid: 'Wifi in every home.', who: 'the North Children in Care team', due: '2027-01-29', late: false }],
      notPossible: [{ youSaid: 'The grant is too small.', why: 'The budget is set until April.' }],
      stillOpen: 1,
      promises: defaultPromises.map((p) => ({ id: p.id, title: p.title, count: ['health', 'dreams', 'adult-life'].includes(p.id) ? 1 : 0 })),
    },
    { printUrl: 'https://example.invalid/print' },
  );

describe('digest cards', () => {
  it('the CICC digest card matches its snapshot', () => {
    expect(ciccDigestCards(ciccView())).toMatchSnapshot();
  });

  it('the CICC digest card puts the words first, in young people\'s order, and the numbers last', () => {
    const [card] = ciccDigestCards(ciccView());
    expect(headings(card)).toEqual([
      'What we did with what you told us',
      'What changed because of what you told us',
      'Young people also helped to change these',
      'What we are still working on for you',
      'What we could not do, and why',
      'In numbers',
      'Things we did for each promise',
    ]);
  });

  it('the board briefing card matches its snapshot, with "Needs your attention" before the sections', async () => {
    const now = new Date('2026-11-26T08:00:00Z');
    const demo = demoCouncil({ now, historyMonths: 6 });
    const facts = {
      voice: inMemoryVoiceFacts(demo.meetings), examples: inMemoryExampleFacts(demo.examples), tracker: inMemoryTrackerFacts(demo.tracker),
      forums: inMemoryForumCalendar(demo.forums), audits: inMemoryAuditStore([]), cohort: inMemoryCohortFacts(demo.children),
    };
    const cpb = demo.forums.find((f) => f.forum === 'CPB' && f.start > now.toISOString())!;
    const cards = cpbBriefingCards(presentCpb(await computeCpbBriefing(facts, { occurrence: cpb, now, promises: defaultPromises, guard: piiTextGuard })));
    expect(cards).toHaveLength(1);
    expect(headings(cards[0]).slice(0, 3)).toEqual(['Corporate Parenting Board briefing', 'Needs your attention', '1. Evidence against each promise']);
    expect(cards).toMatchSnapshot();
  });

  it('the board briefing and the senior report say, under the numbers, what each one counts, in words', async () => {
    const cards = await demoDigestCards();
    for (const name of ['cpb-briefing', 'report-senior']) {
      const texts = walk(cards[name]).flatMap((n) => (n.type === 'TextBlock' && typeof n.text === 'string' ? [n.text] : []));
      const facts = walk(cards[name]).flatMap((n) => (typeof n.title === 'string' && typeof n.value === 'string' ? [`${n.title}: ${n.value}`] : []));
      const heading = texts.findIndex((t) => /\. Were children heard at their meetings\?$/.test(t));
      expect({ name, heading: heading >= 0 }).toEqual({ name, heading: true });
      // Views reached, declined apart, not heard: each number, then its definition in the same section.
      expect(facts.filter((f) => /^(Views reached the meeting|Declined to share views \(a valid choice, not counted as heard\)|Not heard):/.test(f))).toHaveLength(3);
      const after = texts.slice(heading);
      for (const d of ['reached', 'declined', 'notHeard', 'prepared', 'chairMet', 'changedPlan', 'told', 'methods', 'notRecorded', 'childrenHeard'] as const)
        expect({ name, d, shown: after.includes(HEARD_DEFINITIONS[d]) }).toEqual({ name, d, shown: true });
      // Fields the chair records are not there yet on the demo council: said in words, never as 0%.
      expect(facts).toContain('Chair met the child beforehand: not recorded yet');
      expect(facts.find((f) => f.startsWith('Mind of My Own statement:'))).toMatch(/of \d+ \(\d+%\)|fewer than 5/);
    }
  });

  it('the senior report shows feedback after meetings by meeting type on the demo council, with numbers, small ones suppressed, and what they count', async () => {
    const card = (await demoDigestCards())['report-senior'];
    const texts = walk(card).flatMap((n) => (n.type === 'TextBlock' && typeof n.text === 'string' ? [n.text] : []));
    const facts = walk(card).flatMap((n) => (typeof n.title === 'string' && typeof n.value === 'string' ? [`${n.title}: ${n.value}`] : []));
    expect(texts.some((t) => /\. Feedback after meetings$/.test(t))).toBe(true);
    expect(facts.filter((f) => /^Feedback from the child: Looked-after review: offered \d+ of \d+ \(\d+%\); answered \d+ of \d+ \(\d+%\); listened to well/.test(f))).toHaveLength(1);
    expect(facts.some((f) => /^Feedback from the parents: .*fewer than 5/.test(f))).toBe(true);
    for (const d of ['feedbackOffered', 'feedbackAnswered', 'feedbackWell'] as const) expect(texts).toContain(HEARD_DEFINITIONS[d]);
  });

  it('the audit card matches its snapshot', () => {
    expect(ciccAuditCard(presentAudit({ id: 'cicc:2026-12-08', start: '2026-12-08T17:00:00Z' }, defaultPromises))).toMatchSnapshot();
  });

  it("the audit card's Save sends data its schema reads back, with the answers typed into the inputs", () => {
    const card = ciccAuditCard(presentAudit({ id: 'cicc:2026-12-08', start: '2026-12-08T17:00:00Z' }, defaultPromises));
    const [save] = actionsOf(card);
    expect(save).toMatchObject({ type: 'Action.Execute', verb: 'cicc.audit' });
    const submitted = { ...save!.data, verb: save!.verb, 'verdict-health': 'kept', 'comment-health': ' Checks happen. ', 'verdict-safe': '' };
    const parsed = CiccAuditSubmitSchema.parse(submitted);
    expect(auditEntries(parsed)).toEqual([{ promiseId: 'health', verdict: 'kept', comment: 'Checks happen.' }]);
  });

  it('"Ask about this" sends data its schema reads back', () => {
    const ask = { verb: 'digest.ask', digest: 'cpb', section: 'voice', ref: 'cpb:2026-12-03' };
    const card = renderCard({ type: 'AdaptiveCard', actions: [{ type: 'Action.Execute', verb: 'digest.ask', data: '${ask}' }] }, { ask });
    expect(AskAboutThisSchema.parse({ ...actionsOf(card)[0]!.data, verb: 'digest.ask' })).toEqual(ask);
  });

  it('splits a card that would be over the size limit, keeping every row', () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({ ref: `row-${i}`, text: 'x'.repeat(300) }));
    const build = (rs: readonly { ref: string }[], part?: { index: number; of: number }) => ({ type: 'AdaptiveCard', title: part ? `part ${part.index} of ${part.of}` : 'whole', body: rs.map((r) => ({ type: 'TextBlock', text: JSON.stringify(r) })) });
    const cards = fitCards(rows, build, 20_000);
    expect(cards.length).toBeGreaterThan(2);
    expect(cards.every((c) => cardBytes(c) <= 20_000)).toBe(true);
    expect(cards.flatMap((c) => (c.body as unknown[]).length).reduce((a, b) => a + b, 0)).toBe(400);
    expect(cards[0]!.title).toBe(`part 1 of ${cards.length}`);
  });
});
