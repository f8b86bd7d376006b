import type { MeetingList } from '../core/voice/my-meetings';
import template from './my-meetings.json';
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
