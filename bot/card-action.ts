import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, CardFactory, type TurnContext } from 'botbuilder';
import type { z } from 'zod';
import type { Card } from '../cards/render';
import { DomainError, userWordingFor, type DomainErrorCode } from '../core/errors';
import type { Person } from '../core/model';
import type { PersonStore } from '../core/ports';

/** What a card button gets back: the card that replaces the one pressed, or a sentence (Teams leaves the card as it was). */
export type Answer = Card | string;

export const UNKNOWN_PERSON = "I don't know you yet: ask your administrator to add you to Golden Thread's directory.";

/**
 * How a refusal from core reads, by code: the one table for the bot. Core's messages are written for the
 * person reading them; a storage race (the table layer's "changed by someone else") and a message left
 * empty get the code's standard words.
 */
const WORDING: Record<DomainErrorCode, (message: string) => string> = {
  NOT_FOUND: (m) => m || userWordingFor.NOT_FOUND,
  FORBIDDEN: (m) => m || userWordingFor.FORBIDDEN,
  CONFLICT: (m) => (!m || /by someone else$/.test(m) ? userWordingFor.CONFLICT : m),
  INVALID: (m) => m || userWordingFor.INVALID,
};

export const wordsFor = (err: DomainError): string => WORDING[err.code](err.message);

/** Who pressed, as each feature needs them: the Entra id only, a person the directory knows, or whoever it is. */
interface Actors {
  id: string;
  known: Person;
  anyone: Person | undefined;
}

/** One card action: the verbs it answers, the schema of their data, who may press, and what pressing does. */
export interface CardAction<S extends z.ZodType, K extends keyof Actors> {
  verbs: readonly string[];
  /** Parses the card's data with its verb added (a discriminated union on `verb`, or one object). */
  schema: S;
  /** Said when the data does not parse: an old card, or one from another version. */
  unreadable: string | ((error: z.ZodError) => string);
  actor: K;
  /** The directory, for `known` and `anyone`. */
  people?: Pick<PersonStore, 'get'>;
  handle(action: z.infer<S>, actor: Actors[K], context: TurnContext): Promise<Answer>;
  /** A refusal's words as this feature shows them (the admin card redraws itself with them); words alone otherwise. */
  refused?(words: string, err: DomainError, actor: Actors[K], context: TurnContext): Promise<Answer>;
}

type Resolved<K extends keyof Actors> = { actor: Actors[K] } | { refusal: string };

const lookup = async (id: string | undefined, people?: Pick<PersonStore, 'get'>): Promise<Person | undefined> => (id ? people?.get(id) : undefined);

const RESOLVE: { [K in keyof Actors]: (id: string | undefined, people?: Pick<PersonStore, 'get'>) => Promise<Resolved<K>> } = {
  id: async (id) => (id ? { actor: id } : { refusal: userWordingFor.FORBIDDEN }),
  known: async (id, people) => {
    const person = await lookup(id, people);
    return person ? { actor: person } : { refusal: UNKNOWN_PERSON };
  },
  anyone: async (id, people) => ({ actor: await lookup(id, people) }),
};

/** Who is acting: the Entra object id Teams sends with every activity of a signed-in person. */
export const actorIdOf = (context: TurnContext): string | undefined => context.activity.from?.aadObjectId;

/**
 * Answers one press (or a command or dialog that runs the same action): who pressed, then the data
 * through the schema, then the handler; a DomainError becomes words here and nowhere else.
 */
export async function answerCardAction<S extends z.ZodType, K extends keyof Actors>(
  spec: CardAction<S, K>,
  context: TurnContext,
  data: Record<string, unknown>,
): Promise<Answer> {
  const who = await RESOLVE[spec.actor](actorIdOf(context), spec.people);
  if ('refusal' in who) return who.refusal;
  const parsed = spec.schema.safeParse(data);
  if (!parsed.success) return typeof spec.unreadable === 'string' ? spec.unreadable : spec.unreadable(parsed.error);
  try {
    return await spec.handle(parsed.data, who.actor, context);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const words = wordsFor(err);
    return spec.refused ? spec.refused(words, err, who.actor, context) : words;
  }
}

/** Who sent a typed command, as the directory knows them (undefined when it does not). */
export const personOf = (context: TurnContext, people: Pick<PersonStore, 'get'>): Promise<Person | undefined> => lookup(actorIdOf(context), people);

/** The verb of an Action.Execute invoke. */
export const verbOf = (context: TurnContext): string | undefined => {
  const value = context.activity.value as { action?: { verb?: unknown } } | undefined;
  return typeof value?.action?.verb === 'string' ? value.action.verb : undefined;
};

/**
 * Registers a card action's verbs (Action.Execute). The invoke is answered here: the card replaces the one
 * pressed, for its reader only (left to teams-ai, a card with `refresh` is also updated through the
 * connector, which needs a replyToId the Playground does not send, and costs a round trip inside Teams' 5 s).
 */
export function onCardAction<S extends z.ZodType, K extends keyof Actors>(app: Application<TurnState>, spec: CardAction<S, K>): void {
  app.adaptiveCards.actionExecute<Record<string, unknown>>([...spec.verbs], async (context, _state, data) => {
    const answer = await answerCardAction(spec, context, { ...data, verb: verbOf(context) });
    const body =
      typeof answer === 'string'
        ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: answer }
        : { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: answer };
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
    return typeof answer === 'string' ? answer : ''; // answered above: teams-ai sends nothing more
  });
}

/** An answer sent as a new message: a command typed, or a card button whose answer goes below the card. */
export async function sendAnswer(context: TurnContext, answer: Answer): Promise<void> {
  await context.sendActivity(typeof answer === 'string' ? answer : { attachments: [CardFactory.adaptiveCard(answer)] });
}
