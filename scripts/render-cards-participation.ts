// The pictures for docs/surveys-and-activities.md: the activity card (empty, and back with a problem) and
// the board briefing's and the CICC digest's new sections, from the demo council.
import { activityCard } from '../cards/activities-cards';
import { cpbBriefingCards } from '../cards/digests-cpb';
import { ciccDigestCards } from '../cards/digests-cicc';
import type { Card } from '../cards/render';
import { presentCicc, presentCpb } from '../core/digests';
import { defaultPromises } from '../core/model';
import { demoDigestCards, lastBuilt } from './render-cards-digests';

export async function participationCards(): Promise<Record<string, Card>> {
  await demoDigestCards(); // the same demo council and dates as the README's digests
  const { briefing, ciccDigest } = lastBuilt;
  const cpb = presentCpb(briefing!);
  const ours = cpb.sections.filter((s) => s.id === 'surveys' || s.id === 'activities');
  const cicc = presentCicc(ciccDigest!);
  return {
    'activity-form': activityCard({ promises: defaultPromises }),
    'activity-form-problem': activityCard({ promises: defaultPromises, values: { kind: 'interview_panel', on: '2026-11-20', youngPeople: 'six', hours: '3', promiseIds: 'relationships', recognition: 'voucher' }, errors: { youngPeople: 'Please give how many young people took part, as a number.' } }),
    'cpb-surveys-activities': cpbBriefingCards({ ...cpb, sections: ours })[0]!,
    'cicc-did': ciccDigestCards(cicc)[0]!,
  };
}
