import { exampleVerbs, toExampleForm, toExampleInput, ExampleActionSchema, type ExampleAction, type ExampleFormValues } from '../cards/examples-actions';
import { decide } from '../core/roles';
import { authorise } from '../core/tracker';
import { exampleFormCard, exampleSavedCard, piiCard } from '../cards/examples-cards';
import type { Card } from '../cards/render';
import { londonDate } from '../core/calendar';
import { DomainError } from '../core/errors';
import { editExample, shareExample, withdrawExample, type Example, type ParticipationFeature, type ShareResult } from '../core/examples';
import type { Person } from '../core/model';
import { readingAdvice } from '../core/digests';
import type { CardAction } from './card-action';

/** The people who can own a planned action: the actor first, then their team. */
export async function ownersFor(actor: Person, f: ParticipationFeature): Promise<{ id: string; name: string }[]> {
  const team = actor.teamId ? await f.people.listByTeam(actor.teamId) : [];
  // Leavers stay on file for a while (marked gone) but own nothing new: they are not offered.
  return [actor, ...team.filter((p) => p.id !== actor.id && !p.goneOn)].map((p) => ({ id: p.id, name: p.id === actor.id ? `${p.displayName} (me)` : p.displayName }));
}

const today = (f: ParticipationFeature) => londonDate(f.clock.now());

async function formCard(actor: Person, f: ParticipationFeature, o: { form?: ExampleFormValues; errors?: Record<string, string>; warnings?: Record<string, string>; exampleId?: string; source?: 'command' | 'message'; inDialog?: boolean }) {
  return exampleFormCard({ promises: f.promises, owners: await ownersFor(actor, f), today: today(f), ...o });
}

async function savedCard(actor: Person, f: ParticipationFeature, e: Example, notice?: string) {
  const owner = e.actionOwnerId ? await f.people.get(e.actionOwnerId) : undefined;
  return exampleSavedCard({ example: e, promises: f.promises, ownerName: owner?.displayName, canChange: decide(actor, 'example.edit', { authorId: e.authorId }).allowed, notice });
}

/** A share or edit result as the card the worker sees next. */
async function answer(actor: Person, f: ParticipationFeature, res: ShareResult, form: ExampleFormValues, o: { exampleId?: string; source?: 'command' | 'message'; inDialog?: boolean }): Promise<Card> {
  if (res.kind === 'invalid') return formCard(actor, f, { ...o, form, errors: res.errors });
  if (res.kind === 'hard') return formCard(actor, f, { ...o, form, warnings: Object.fromEntries(Object.entries(res.reading).map(([k, c]) => [k, readingAdvice(c)])) });
  if (res.kind === 'pii')
    return piiCard({
      findings: res.findings,
      texts: form,
      draft: { ...form, exampleId: o.exampleId ?? '', source: o.source ?? 'command' },
      rewriteVerb: 'example.rewrite',
      keepVerb: 'example.keepInternal',
      what: 'this example',
      inDialog: o.inDialog,
    });
  return savedCard(actor, f, res.example);
}

const sourceOf = (s: string | undefined): 'command' | 'message' => (s === 'message' ? 'message' : 'command');

/**
 * Every example card action, by verb: the answer is the next card (replacing the one pressed) or a
 * sentence. `inDialog` when the action came from the message action's dialog.
 */
export const exampleAction = (f: ParticipationFeature, inDialog = false): CardAction<typeof ExampleActionSchema, 'known'> => ({
  verbs: exampleVerbs,
  schema: ExampleActionSchema,
  unreadable: "Sorry, I didn't understand that button. Type **example** to start again.",
  actor: 'known',
  people: f.people,
  handle: (a, actor) => act(actor, a, f, inDialog),
});

async function act(actor: Person, a: ExampleAction, f: ParticipationFeature, inDialog: boolean): Promise<Card | string> {
  switch (a.verb) {
    case 'example.new':
      return formCard(actor, f, { form: { happenedOn: today(f), ...(a.text ? { whatHappened: a.text } : {}) }, source: a.text ? 'message' : 'command', inDialog });
    case 'example.submit': {
      const { verb: _v, exampleId, source, ...form } = a;
      const o = { exampleId: exampleId || undefined, source: sourceOf(source), inDialog };
      const input = toExampleInput(form);
      const res = o.exampleId
        ? await editExample(f, { actor, id: o.exampleId, input })
        : await shareExample(f, { actor, input, source: o.source });
      return answer(actor, f, res, form, o);
    }
    case 'example.saveAnyway': {
      const { verb: _v, exampleId, source, ...form } = a;
      const o = { exampleId: exampleId || undefined, source: sourceOf(source), inDialog };
      const input = toExampleInput(form);
      const res = o.exampleId
        ? await editExample(f, { actor, id: o.exampleId, input, saveAnyway: true })
        : await shareExample(f, { actor, input, source: o.source, saveAnyway: true });
      return answer(actor, f, res, form, o);
    }
    case 'example.rewrite': {
      const { exampleId, source, ...form } = a.draft;
      return formCard(actor, f, { form, exampleId: exampleId || undefined, source: sourceOf(source), inDialog });
    }
    case 'example.keepInternal': {
      const { exampleId, source, ...form } = a.draft;
      const o = { exampleId: exampleId || undefined, source: sourceOf(source), inDialog };
      const input = toExampleInput(form);
      const res = o.exampleId
        ? await editExample(f, { actor, id: o.exampleId, input, keepInternal: true })
        : await shareExample(f, { actor, input, keepInternal: true, source: o.source });
      return answer(actor, f, res, form, o);
    }
    case 'example.edit': {
      const got = await f.examples.get(a.exampleId);
      if (!got) throw new DomainError('NOT_FOUND', 'That example was not found.');
      await authorise(actor, { authorId: got.value.authorId, id: got.value.id }, 'example', f);
      return formCard(actor, f, { form: toExampleForm(got.value), exampleId: got.value.id, source: got.value.source, inDialog });
    }
    case 'example.withdraw':
      return savedCard(actor, f, await withdrawExample(f, { actor, id: a.exampleId }));
  }
}

/** The text of a Teams message (its body is HTML): what the message action prefills. */
export const plainText = (html: string): string =>
  html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, '\n\n')
    .trim();
