import { raiseItem, recordProgress, rewordItem } from '.';
import { officer, trackerWorld, worker } from '../testing';

const HARD = 'Young people said corporate parenting arrangements should demonstrate organisational accountability.';
const input = (youSaid: string) => ({ youSaid, saidBy: 'forum', ownerId: worker.id, dueDate: '2026-03-20' });
const source = { kind: 'command' } as const;

describe('the reading-age gate on "You said, we did"', () => {
  it('holds a "You said" above age 11 with its score and plainer words, saves nothing, and saves it marked when the author says so', async () => {
    const w = trackerWorld();
    const held = await raiseItem(w.deps, { actor: officer, input: input(HARD), source });
    expect(held.kind).toBe('hard');
    if (held.kind !== 'hard') return;
    expect(held.reading.youSaid).toMatchObject({ over: true, limit: 11 });
    expect(held.reading.youSaid?.suggestions).toContainEqual({ from: 'corporate parenting', to: 'how the council looks after you' });
    expect(w.items.rows.size).toBe(0);
    const anyway = await raiseItem(w.deps, { actor: officer, input: input(HARD), source, saveAnyway: true });
    expect(anyway.kind === 'raised' && anyway.item).toMatchObject({ shareable: true, needsRewording: true });
    expect(w.audit.entries.at(-1)?.detail).toMatchObject({ needsRewording: true });
  });

  it('holds a hard "We did" the same way, and an internal (not shareable) text is never held', async () => {
    const w = trackerWorld();
    const raised = await raiseItem(w.deps, { actor: officer, input: input('Young people said reviews were too long.'), source });
    if (raised.kind !== 'raised') throw new Error('not raised');
    const weDid = 'We have commissioned an independent evaluation of organisational placement stability arrangements.';
    expect((await recordProgress(w.deps, { actor: worker, id: raised.item.id, input: { outcome: 'done', weDid } })).kind).toBe('hard');
    const anyway = await recordProgress(w.deps, { actor: worker, id: raised.item.id, input: { outcome: 'done', weDid }, saveAnyway: true });
    expect(anyway.kind === 'updated' && anyway.item.needsRewording).toBe(true);
    const internal = await raiseItem(w.deps, { actor: officer, input: input(`${HARD} Ask Priya Patel.`), source, keepInternal: true });
    expect(internal.kind === 'raised' && [internal.item.shareable, !!internal.item.needsRewording]).toEqual([false, false]);
  });

  it("lets a participation officer reword it (checked again, no save anyway), and no one else", async () => {
    const w = trackerWorld();
    const raised = await raiseItem(w.deps, { actor: officer, input: input(HARD), source, saveAnyway: true });
    if (raised.kind !== 'raised') throw new Error('not raised');
    await expect(rewordItem(w.deps, { actor: worker, id: raised.item.id, input: { youSaid: 'Plain words.' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await rewordItem(w.deps, { actor: officer, id: raised.item.id, input: { youSaid: HARD } })).kind).toBe('hard');
    const done = await rewordItem(w.deps, { actor: officer, id: raised.item.id, input: { youSaid: 'Young people said the council should show it is doing its job.' } });
    expect(done.kind === 'updated' && done.item).toMatchObject({ needsRewording: false, youSaid: 'Young people said the council should show it is doing its job.' });
    expect(w.audit.entries.at(-1)).toMatchObject({ action: 'tracker.reworded', detail: { before: { youSaid: HARD } } });
  });
});
