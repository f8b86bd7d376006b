import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Card } from '../cards/render';
import { coverCard, coverNoticeCard } from '../cards/voice-cards';
import { londonDate } from '../core';
import { approveCover, endCover, formatDay, setCover, teamChoices, type Cover, type CoverDeps, type CoverErrors, type CoverForm, type VoiceServices } from '../core/voice';
import { actorIdOf, sendAnswer } from './card-action';
import { onCommand } from './command-router';

type CoverKey = Pick<Cover, 'workerId' | 'coverId' | 'from' | 'to'>;

const coverDeps = (voice: VoiceServices): CoverDeps => ({ ...voice, maxDays: voice.settings.coverMaxDays, coverNoticeCard });

/** The cover card for this person: their team to choose from, and the covers they have set. */
export async function coverCardFor(actorId: string, voice: VoiceServices, entered?: { form?: CoverForm; errors?: CoverErrors; notice?: string }): Promise<Card> {
  const today = londonDate(voice.clock.now());
  const covers = (await voice.covers.listFor(actorId)).filter((c) => c.to >= today);
  const names = await Promise.all(covers.map(async (c) => (await voice.people.get(c.coverId))?.displayName ?? 'a colleague'));
  return coverCard({
    teamChoices: await teamChoices(actorId, voice),
    today,
    ...(entered ?? {}),
    current: covers.map((c, i) => ({
      workerId: c.workerId, coverId: c.coverId, from: c.from, to: c.to,
      text: `${names[i]} covers ${formatDay(c.from)} to ${formatDay(c.to)}${c.pending ? ' (waiting for your manager to approve)' : ''}`,
    })),
  });
}

/** "cover": name a colleague to get your nudges while you are on leave (1:1 only). */
export function registerCover(app: Application<TurnState>, voice: VoiceServices): void {
  onCommand(app, 'cover', async (context) => {
    const actorId = actorIdOf(context);
    if (context.activity.conversation?.conversationType !== 'personal' || !actorId) {
      await context.sendActivity('Message me privately and type "cover" to set who covers your nudges.');
      return;
    }
    await sendAnswer(context, await coverCardFor(actorId, voice));
  });
}

/** The card's "Set cover" button. */
export async function handleCoverSet(actorId: string, form: CoverForm, voice: VoiceServices): Promise<Card> {
  const out = await setCover({ actorId, form }, coverDeps(voice));
  if (!out.ok) return coverCardFor(actorId, voice, { form, errors: out.errors });
  const when = `from ${formatDay(out.cover.from)} to ${formatDay(out.cover.to)}`;
  return coverCardFor(actorId, voice, {
    notice: out.cover.pending
      ? `${out.coverName} is not in your team, so I've asked your manager to approve this cover ${when}. It starts once they do.`
      : `Done: ${out.coverName} will get your nudges ${when}, and I've told them and your manager.`,
  });
}

/** "End" on the cover card (the worker), or "Refuse it" on the manager's card: the cover stops at once. */
export async function handleCoverEnd(actorId: string, key: CoverKey, voice: VoiceServices): Promise<Card> {
  await endCover({ actorId, cover: key }, coverDeps(voice));
  if (actorId === key.workerId) return coverCardFor(actorId, voice, { notice: 'Ended: that colleague no longer covers your children.' });
  return coverNoticeCard({ text: 'This cover has been ended.', notice: 'Done.' });
}

/** "Approve this cover" on the manager's card. */
export async function handleCoverApprove(actorId: string, key: CoverKey, voice: VoiceServices): Promise<Card> {
  const { text } = await approveCover({ actorId, cover: key }, coverDeps(voice));
  return coverNoticeCard({ text, notice: 'Approved.' });
}
