import { defaultPromises } from '../core/model/promises';
import { presentAudit } from '../core/digests/cicc-view';
import { AskAboutThisSchema } from './digests-cpb';
import { auditEntries, ciccAuditCard, CiccAuditSubmitSchema } from './digests-cicc';
import { cardBytes, fitCards } from './digests-fit';
import { renderCard } from './render';

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

describe('digest cards', () => {
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
