import { defaultPromises } from '../core/model';
import { findPii } from '../core/pii';
import { ExampleActionSchema, toExampleInput, type ExampleFormValues } from './examples-actions';
import { exampleFormCard, exampleSavedCard, piiCard } from './examples-cards';
import { walk, type Node } from '../tests/support/card-nodes';

const executes = (card: object) => walk(card).filter((n) => n.type === 'Action.Execute') as { verb: string; data?: Node; title: string }[];
const inputs = (card: object) => walk(card).filter((n) => typeof n.type === 'string' && (n.type as string).startsWith('Input.'));
const richTexts = (card: unknown) => walk(card).filter((n) => n.type === 'RichTextBlock').map((n) => (n.inlines as { text: string }[]).map((r) => r.text).join(''));
const boldRuns = (card: unknown) => walk(card).filter((n) => n.type === 'TextRun' && n.weight === 'Bolder').map((n) => n.text);
const texts = (card: object) => walk(card).flatMap((n) => (typeof n.text === 'string' ? [n.text] : []));

const form: ExampleFormValues = {
  title: 'Shorter reviews',
  happenedOn: '2026-11-20',
  whatHappened: 'Tyler told the CICC reviews were too long.',
  promiseIds: 'safe,dreams',
  mode: 'adult_initiated_shared',
  lundy: 'voice,influence',
  scope: 'collective',
  groups: '',
  youSaid: 'Young people said reviews were too long',
  weDid: '',
  actionText: '',
  actionOwnerId: '',
  actionDue: '',
  shareable: 'true',
};
const owners = [{ id: 'u1', name: 'Wendy Worker' }];

describe('the share-an-example card', () => {
  it('offers the council\'s promises, the five modes, Lundy and the harder-to-hear groups, each input labelled', () => {
    const card = exampleFormCard({ promises: defaultPromises, owners, today: '2026-11-23' });
    expect(card.version).toBe('1.5');
    for (const input of inputs(card)) expect(typeof input.label === 'string' && (input.label as string).trim().length > 0).toBe(true);
    const promise = inputs(card).find((i) => i.id === 'promiseIds') as { choices: { value: string }[] };
    expect(promise.choices.map((c) => c.value)).toEqual(['health', 'safe', 'dreams', 'relationships', 'adult-life']);
    expect((inputs(card).find((i) => i.id === 'mode') as { choices: unknown[] }).choices).toHaveLength(5);
  });

  it('comes back after an invalid submission with every entry kept and each problem beside its field', () => {
    const card = exampleFormCard({ promises: defaultPromises, owners, today: '2026-11-23', form, errors: { lundy: 'Choose at least one Lundy element that was met.', weDid: 'Say what changed.' } });
    const values = Object.fromEntries(inputs(card).map((i) => [i.id, i.value]));
    expect(values).toMatchObject({ title: 'Shorter reviews', promiseIds: 'safe,dreams', whatHappened: form.whatHappened, shareable: 'true' });
    expect(texts(card)).toEqual(expect.arrayContaining(['2 things need fixing before I can save this:', 'Problem: Choose at least one Lundy element that was met.', 'Problem: Say what changed.']));
  });

  it('sends data that parses as its action and becomes the core\'s input', () => {
    const card = exampleFormCard({ promises: defaultPromises, owners, today: '2026-11-23', form });
    const [submit] = executes(card);
    const parsed = ExampleActionSchema.safeParse({ verb: submit?.verb, ...submit?.data, ...form });
    expect(parsed.success).toBe(true);
    expect(toExampleInput(form)).toMatchObject({ promiseIds: ['safe', 'dreams'], lundy: ['voice', 'influence'], groups: [], shareable: true, weDid: undefined });
  });

  it('never shows a raw template expression, and matches its snapshot', () => {
    const card = exampleFormCard({ promises: defaultPromises, owners, today: '2026-11-23', form, errors: { title: 'Please give the example a short title.' } });
    expect(JSON.stringify(card)).not.toContain('${');
    expect(card).toMatchSnapshot();
  });
});

describe('the PII card', () => {
  const card = piiCard({
    findings: { whatHappened: findPii(form.whatHappened as string) },
    texts: { whatHappened: form.whatHappened },
    draft: form,
    rewriteVerb: 'example.rewrite',
    keepVerb: 'example.keepInternal',
    what: 'this example',
  });

  it('shows what was found in bold and names its kind in words, not by colour alone', () => {
    expect(richTexts(card)).toEqual(['Tyler [a name] told the CICC reviews were too long.']);
    expect(boldRuns(card)).toEqual(['Tyler']);
    expect(texts(card)).toContain('Found: a name ("Tyler")');
  });

  it('offers "rewrite" and "keep internal", each carrying the entries so nothing typed is lost', () => {
    const actions = executes(card);
    expect(actions.map((a) => a.title)).toEqual(['Rewrite it', 'Keep it internal (not shareable)']);
    for (const a of actions) {
      const parsed = ExampleActionSchema.safeParse({ verb: a.verb, ...a.data });
      expect(parsed.success && parsed.data.verb === a.verb && 'draft' in parsed.data && parsed.data.draft.title).toBe('Shorter reviews');
    }
    expect(card).toMatchSnapshot();
  });
});

describe('the saved-example card', () => {
  it('says in words whether the example may be shared, and offers its author Edit and Withdraw', () => {
    const card = exampleSavedCard({
      example: { id: 'e1', title: 'Shorter reviews', promiseIds: ['safe'], mode: 'consulted_informed', lundy: ['voice'], scope: 'collective', shareable: true, keptInternal: false, status: 'active' },
      promises: defaultPromises,
      canChange: true,
    });
    expect(texts(card)).toContain('Saved, and it may be shared with the Children in Care Council and the board.');
    expect(executes(card).map((a) => ExampleActionSchema.safeParse({ verb: a.verb, ...a.data }).success)).toEqual([true, true]);
    expect(card).toMatchSnapshot();
  });
});
