import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import { ActivityActionSchema, activityCard, activityVerbs } from '../cards/activities-cards';
import type { Card } from '../cards/render';
import { activityKindLabel, logActivity, type ActivityFeature } from '../core/activities';
import { DomainError } from '../core/errors';

/** One press of the activity card: a fresh card, or the save (the card comes back with entries kept, or a fresh one saying what was saved). */
export async function handleActivityAction(actorId: string | undefined, data: unknown, f: ActivityFeature): Promise<Card | string> {
  const actor = actorId ? await f.people.get(actorId) : undefined;
  if (!actor) return "I don't know you yet: ask your administrator to add you to Golden Thread's directory.";
  const action = ActivityActionSchema.safeParse(data);
  if (!action.success) return 'That button is out of date: type **forums** and press *Log group participation* again.';
  if (action.data.verb === 'activity.new') return activityCard({ promises: f.promises });
  const { verb: _verb, ...values } = action.data;
  try {
    const out = await logActivity(f, { actor, form: values });
    if (!out.ok) return activityCard({ promises: f.promises, values, errors: out.errors });
    const a = out.activity;
    return activityCard({
      promises: f.promises,
      notice: `Saved: ${activityKindLabel[a.kind].toLowerCase()} on ${a.on}, ${a.youngPeople} young ${a.youngPeople === 1 ? 'person' : 'people'}, ${a.hours} hours. It will be in the next board briefing and the care council's digest. Log another below.`,
    });
  } catch (err) {
    if (err instanceof DomainError && err.code === 'FORBIDDEN') return err.message;
    throw err;
  }
}

/** The activity card's buttons (opened from the `forums` card). Registered only when the composition root provides the feature. */
export function registerActivities(app: Application<TurnState>, services: { activityFeature?: ActivityFeature }): void {
  const f = services.activityFeature;
  if (!f) return;
  app.adaptiveCards.actionExecute<Record<string, unknown>>([...activityVerbs], async (context, _state, data) => {
    const verb = (context.activity.value as { action?: { verb?: string } } | undefined)?.action?.verb;
    const answer = await handleActivityAction(context.activity.from?.aadObjectId, { ...data, verb }, f);
    return typeof answer === 'string' ? answer : (answer as unknown as AdaptiveCard); // our cards are type 'AdaptiveCard', version 1.5
  });
}
