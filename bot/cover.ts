import type { Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory } from 'botbuilder';
import type { Card } from '../cards/render';
import { coverCard } from '../cards/voice-cards';
import { londonDate } from '../core';
import { formatDay, setCover, teamChoices, type CoverErrors, type CoverForm, type VoiceServices } from '../core/voice';
import { onCommand } from './command-router';

/** The cover card for this person: their team to choose from, and the covers they have set. */
export async function coverCardFor(actorId: string, voice: VoiceServices, entered?: { form?: CoverForm; errors?: CoverErrors; notice?: string }): Promise<Card> {
  const today = londonDate(voice.clock.now());
  const covers = (await voice.covers.listFor(actorId)).filter((c) => c.to >= today);
  const names = await Promise.all(covers.map(async (c) => (await voice.people.get(c.coverId))?.displayName ?? 'a colleague'));
  return coverCard({
    teamChoices: await teamChoices(actorId, voice),
    today,
    ...(entered ?? {}),
    current: covers.map((c, i) => `${names[i]} covers ${formatDay(c.from)} to ${formatDay(c.to)}`),
  });
}

/** "cover": name a colleague to get your nudges while you are on leave (1:1 only). */
export function registerCover(app: Application<TurnState>, voice: VoiceServices): void {
  onCommand(app, 'cover', async (context) => {
    const actorId = context.activity.from?.aadObjectId;
    if (context.activity.conversation?.conversationType !== 'personal' || !actorId) {
      await context.sendActivity('Message me privately and type "cover" to set who covers your nudges.');
      return;
    }
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(await coverCardFor(actorId, voice))] });
  });
}

/** The card's "Set cover" button. */
export async function handleCoverSet(actorId: string, form: CoverForm, voice: VoiceServices): Promise<Card> {
  const out = await setCover({ actorId, form }, voice);
  if (!out.ok) return coverCardFor(actorId, voice, { form, errors: out.errors });
  return coverCardFor(actorId, voice, { notice: `Done: ${out.coverName} will get your nudges from ${formatDay(out.cover.from)} to ${formatDay(out.cover.to)}, and I've told them.` });
}
