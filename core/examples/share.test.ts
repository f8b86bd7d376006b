import { londonDate } from '../calendar/working-days';
import { defaultPromises } from '../model/promises';
import { InMemoryExampleStore } from '../testing';
import { editExample, examplesForPeriod, exampleFacts, shareExample, withdrawExample, type ExampleDeps } from '.';
import { admin, manager, trackerWorld, worker } from '../testing';

function world(iso = '2026-03-02T09:00:00Z') {
  const w = trackerWorld(iso);
  const examples = new InMemoryExampleStore();
  const deps: ExampleDeps = { ...w.deps, examples, promises: defaultPromises };
  return { ...w, examples, deps };
}

const good = {
  title: 'Shorter reviews',
  happenedOn: '2026-02-27',
  whatHappened: 'The CICC told us reviews were too long, so chairs now agree an agenda with the young person.',
  promiseIds: ['safe'],
  mode: 'adult_initiated_shared',
  lundy: ['voice', 'influence'],
  scope: 'collective',
  groups: ['uasc'],
  youSaid: 'Young people said reviews were too long and full of jargon',
  weDid: 'Reviews now follow a list the young person agrees', // "an agenda" reads at age 12.6: the reading-age gate would hold it
  shareable: true,
};

describe('sharing a participation example', () => {
  it('stores a de-identified example as shareable with the CICC and the board', async () => {
    const w = world();
    const res = await shareExample(w.deps, { actor: worker, input: good });
    expect(res.kind === 'saved' && [res.example.shareable, res.example.keptInternal]).toEqual([true, false]);
  });

  it('shows a name it finds, and after a rewrite stores the example as shareable', async () => {
    const w = world();
    const named = { ...good, whatHappened: 'Tyler told the CICC reviews were too long.' };
    const first = await shareExample(w.deps, { actor: worker, input: named });
    expect(first).toEqual({ kind: 'pii', findings: { whatHappened: [{ kind: 'name', start: 0, end: 5, text: 'Tyler' }] } });
    expect(w.examples.rows.size).toBe(0);
    const rewritten = await shareExample(w.deps, { actor: worker, input: { ...named, whatHappened: 'A young person told the CICC reviews were too long.' } });
    expect(rewritten.kind === 'saved' && rewritten.example.shareable).toBe(true);
  });

  it('keeps an example with identifying details internal when the author chooses, never shareable', async () => {
    const w = world();
    const res = await shareExample(w.deps, { actor: worker, input: { ...good, title: 'Tyler at Oakfield Primary School' }, keepInternal: true });
    expect(res.kind === 'saved' && [res.example.shareable, res.example.keptInternal]).toEqual([false, true]);
    expect(w.audit.entries[0]?.detail.piiKinds).toEqual(['name', 'school']);
  });

  it('names each problem with an invalid submission', async () => {
    const w = world();
    const res = await shareExample(w.deps, { actor: worker, input: { ...good, title: '', promiseIds: ['made-up'], weDid: undefined, lundy: [] } });
    expect(res).toEqual({
      kind: 'invalid',
      errors: {
        title: 'Please give the example a short title.',
        promiseIds: "Choose from the council's promises.",
        lundy: 'Choose at least one Lundy element that was met.',
        weDid: 'Say what changed ("We did"), or plan an action with an owner and a due date.',
      },
    });
  });

  it('turns a planned action into a "You said" item with its owner and due date, withdrawn with its example', async () => {
    const w = world();
    const input = { ...good, weDid: undefined, actionText: 'Agree agendas with young people', actionOwnerId: manager.id, actionDue: '2026-04-01' };
    const res = await shareExample(w.deps, { actor: worker, input });
    if (res.kind !== 'saved') throw new Error(JSON.stringify(res));
    const item = await w.items.get(res.example.trackerItemId as string);
    expect(item?.value).toMatchObject({ ownerId: manager.id, dueDate: '2026-04-01', saidBy: 'group', source: { kind: 'example', exampleId: res.example.id } });
    await withdrawExample(w.deps, { actor: worker, id: res.example.id });
    expect((await w.items.get(res.example.trackerItemId as string))?.value.status).toBe('withdrawn');
  });

  it('asks for a planned action\'s owner and due date when they are missing', async () => {
    const w = world();
    const res = await shareExample(w.deps, { actor: worker, input: { ...good, weDid: undefined, actionText: 'Agree agendas' } });
    expect(res.kind === 'invalid' && res.errors).toEqual({ actionOwnerId: 'Choose who owns the action.', actionDue: 'Give a due date for the action.' });
  });
});

describe('editing and withdrawing examples', () => {
  it('lets the author edit (checked again) and an admin withdraw, keeping the history in the audit', async () => {
    const w = world();
    const saved = await shareExample(w.deps, { actor: worker, input: good });
    if (saved.kind !== 'saved') throw new Error('not saved');
    await expect(editExample(w.deps, { actor: manager, id: saved.example.id, input: good })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const named = await editExample(w.deps, { actor: worker, id: saved.example.id, input: { ...good, title: 'Reviews for Kayleigh' } });
    expect(named.kind).toBe('pii');
    const edited = await editExample(w.deps, { actor: worker, id: saved.example.id, input: { ...good, title: 'Shorter, clearer reviews' } });
    expect(edited.kind === 'saved' && edited.example.title).toBe('Shorter, clearer reviews');
    const withdrawn = await withdrawExample(w.deps, { actor: admin, id: saved.example.id, reason: 'duplicate' });
    // The withdrawal date is what the purge counts from (withdrawnExamplesDays).
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawnAt: w.deps.clock.now().toISOString(), withdrawnOn: londonDate(w.deps.clock.now()) });
    const trail = await w.audit.listForRecord('example', saved.example.id);
    expect(trail.map((e) => e.action)).toEqual(['example.shared', 'access.refused', 'example.edited', 'example.withdrawn']);
    expect(trail[2]?.detail).toMatchObject({ changed: ['title'], before: { title: 'Shorter reviews' } });
    expect(await exampleFacts(w.examples).between(new Date('2026-03-01'), new Date('2026-04-01'))).toEqual([]);
  });
});

describe('example queries for the digests', () => {
  it('count examples per promise, mode, Lundy element and team, reading only the period asked', async () => {
    const w = world('2026-01-10T09:00:00Z');
    await shareExample(w.deps, { actor: worker, input: { ...good, happenedOn: '2026-01-09' } });
    w.setNow('2026-02-10T09:00:00Z');
    await shareExample(w.deps, { actor: worker, input: { ...good, happenedOn: '2026-02-09', promiseIds: ['health', 'dreams'], lundy: ['space'] } });
    await shareExample(w.deps, { actor: manager, input: { ...good, happenedOn: '2026-02-09', mode: 'consulted_informed' } });
    w.examples.monthsRead.length = 0;
    const s = await examplesForPeriod(w.examples, { from: '2026-02-01', to: '2026-03-01' });
    expect(s).toMatchObject({
      total: 2,
      byPromise: { health: 1, dreams: 1, safe: 1 },
      byMode: { adult_initiated_shared: 1, consulted_informed: 1 },
      byLundy: { space: 1, voice: 1, influence: 1 },
      byTeam: { east: 2 },
    });
    expect(w.examples.monthsRead).toEqual(['2026-02']);
  });
});

describe('the reading-age gate on a shared example', () => {
  it('holds a shared example whose words read above age 11 until the author rewrites it or saves it anyway (then marked)', async () => {
    const w = world();
    const hard = { ...good, weDid: 'Reviews now follow an organisational agenda incorporating participation considerations.' };
    const held = await shareExample(w.deps, { actor: worker, input: hard });
    expect(held.kind === 'hard' && Object.keys(held.reading)).toEqual(['weDid']);
    expect(w.examples.rows.size).toBe(0);
    const anyway = await shareExample(w.deps, { actor: worker, input: hard, saveAnyway: true });
    expect(anyway.kind === 'saved' && [anyway.example.shareable, anyway.example.needsRewording]).toEqual([true, true]);
    // Not shared: never read by young people, so not held.
    expect((await shareExample(w.deps, { actor: worker, input: { ...hard, shareable: false } })).kind).toBe('saved');
  });
});
