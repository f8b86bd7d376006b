import type { MeetingList, ReviewList } from '../core/voice';
import template from './my-meetings.json';
import reviewsTemplate from './my-reviews.json';
import { renderCard, type Card } from './render';

/** The most meetings one card lists: keeps it well under the Teams card size limit. */
export const MEETINGS_PER_CARD = 30;

/** "my meetings" / "team meetings": each meeting with its voice status and a Record button. */
export function myMeetingsCard(list: MeetingList): Card {
  const shown = list.items.slice(0, MEETINGS_PER_CARD);
  const hidden = list.items.length - shown.length;
  const whose = list.scope === 'mine' ? 'Your' : "Your team's";
  const summary =
    list.items.length === 0
      ? 'No meetings in the next four weeks.'
      : `${list.items.length} ${list.items.length === 1 ? 'meeting' : 'meetings'} in the next four weeks; ` +
        (list.missing === 0 ? "every child's views are recorded." : `${list.missing} still ${list.missing === 1 ? 'needs' : 'need'} the child's views recorded.`);
  return renderCard(template, {
    title: `${whose} meetings`,
    summary,
    items: shown,
    showWorker: list.scope === 'team',
    more: hidden > 0 ? `And ${hidden} more, later in the four weeks.` : '',
  });
}

/** "my reviews": the meetings a chair chairs, each child by case reference with whether their views are in. */
export function myReviewsCard(list: ReviewList): Card {
  const shown = list.items.slice(0, MEETINGS_PER_CARD);
  const hidden = list.items.length - shown.length;
  const n = list.items.filter((i) => !i.held).length;
  const summary =
    n === 0
      ? 'No meetings to chair in the next six weeks.'
      : `${n} ${n === 1 ? 'meeting' : 'meetings'} to chair in the next six weeks; ` +
        (list.missing === 0 ? "every child's views are in." : `${list.missing} without the child's views yet.`);
  const toRecord = list.toRecord > 0 ? ` ${list.toRecord} held ${list.toRecord === 1 ? 'meeting' : 'meetings'} still to record.` : '';
  return renderCard(reviewsTemplate, {
    title: 'Your reviews and conferences',
    summary: `${summary}${toRecord}`,
    items: shown,
    more: hidden > 0 ? `And ${hidden} more, later in the six weeks.` : '',
    footer: "Where a child's views are missing, I remind their worker (and their manager); 2 working days before, I tell you too.",
  });
}
