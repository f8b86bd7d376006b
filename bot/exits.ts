import type { Application, TurnState } from '@microsoft/teams-ai';
import { onCardAction } from './card-action';
import { ExitActionSchema, exitConversationCard, exitVerbs } from '../cards/exits-cards';
import type { Card } from '../cards/render';
import type { z } from 'zod';
import { longDay, recordExit, type ExitFeature } from '../core/exits';

type ExitAction = z.infer<typeof ExitActionSchema>;

/** One press of the exit conversation card's Save: the answer kept, or the card back with each problem beside its field. */
// onCardAction (bot/card-action.ts) has already read the presser and parsed the data, and words a refusal.
export async function handleExitAction(actorId: string, action: ExitAction, f: ExitFeature): Promise<Card | string> {
  const { verb: _verb, childRef, kind, endedOn, ...form } = action;
  const key = { childRef, kind, endedOn };
  const out = await recordExit(f, { actorId, key, form });
  if (out.ok) {
    const n = out.record.itemIds.length;
    return exitConversationCard({ key, record: out.record, notice: `Saved, thank you.${n ? ` ${n} "you said" point${n === 1 ? ' is' : 's are'} now in the tracker, owned by you: type **my actions** to see ${n === 1 ? 'it' : 'them'}.` : ''}` });
  }
  if ('already' in out) return exitConversationCard({ key, record: out.record, notice: `Already recorded on ${longDay(out.record.answeredAt!.slice(0, 10))}.` });
  return exitConversationCard({ key, form, errors: out.errors });
}

/** The exit conversation card's button. Registered only when the composition root provides the feature. */
export function registerExits(app: Application<TurnState>, features: { exits?: ExitFeature }): void {
  const f = features.exits;
  if (!f) return;
  onCardAction(app, {
    verbs: exitVerbs,
    schema: ExitActionSchema,
    unreadable: 'That card is out of date: the next import will ask again if it is still needed.',
    actor: 'id',
    handle: (action, actorId) => handleExitAction(actorId, action, f),
  });
}
