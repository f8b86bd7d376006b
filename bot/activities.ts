import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityActionSchema, activityCard, activityVerbs } from '../cards/activities-cards';
import { activityKindLabel, logActivity, type ActivityFeature } from '../core/activities';
import { onCardAction, type CardAction } from './card-action';

/** One press of the activity card: a fresh card, or the save (the card comes back with entries kept, or a fresh one saying what was saved). */
export const activityAction = (f: ActivityFeature): CardAction<typeof ActivityActionSchema, 'known'> => ({
  verbs: activityVerbs,
  schema: ActivityActionSchema,
  unreadable: 'That button is out of date: type **forums** and press *Log group participation* again.',
  actor: 'known',
  people: f.people,
  async handle(action, actor) {
    if (action.verb === 'activity.new') return activityCard({ promises: f.promises });
    const { verb: _verb, ...values } = action;
    const out = await logActivity(f, { actor, form: values });
    if (!out.ok) return activityCard({ promises: f.promises, values, errors: out.errors });
    const a = out.activity;
    return activityCard({
      promises: f.promises,
      notice: `Saved: ${activityKindLabel[a.kind].toLowerCase()} on ${a.on}, ${a.youngPeople} young ${a.youngPeople === 1 ? 'person' : 'people'}, ${a.hours} hours. It will be in the next board briefing and the care council's digest. Log another below.`,
    });
  },
});

/** The activity card's buttons (opened from the `forums` card). Registered only when the composition root provides the feature. */
export function registerActivities(app: Application<TurnState>, services: { activities?: ActivityFeature }): void {
  if (services.activities) onCardAction(app, activityAction(services.activities));
}
