import { listenedLabel, type FeedbackFrom, type MeetingFeedbackForm } from '../core/model';
import { renderCard, type Card } from './render';

/** The feedback questions' answers, the "No answer" choice included (the form not returned, or left blank). */
const listenedChoices = [...Object.entries(listenedLabel).map(([value, title]) => ({ value, title })), { value: 'not_answered', title: 'No answer (not returned, or left blank)' }];

const error = (field: string) => ({ type: 'TextBlock', $when: `\${errors.${field} != ''}`, text: `Problem: \${errors.${field}}`, color: 'Attention', wrap: true, spacing: 'None', size: 'Small' });

const side = (from: FeedbackFrom) => {
  const k = from === 'child'
    ? { offered: 'feedbackFormOffered', listened: 'childListened', help: 'childWouldHelp', who: 'the child', was: 'was' }
    : { offered: 'parentsFeedbackOffered', listened: 'parentsListened', help: 'parentsWouldHelp', who: 'the parents', was: 'were' };
  return [
    { type: 'Input.ChoiceSet', id: k.offered, label: `${k.was === 'was' ? 'Was' : 'Were'} ${k.who} offered a feedback form?`, ...(from === 'child' ? { isRequired: '${childRequired}', errorMessage: 'Say whether the child was offered the feedback form.' } : {}), style: 'expanded', value: `\${form.${k.offered}}`, spacing: 'Medium',
      choices: [{ title: 'Yes', value: 'yes' }, { title: 'No', value: 'no' }] },
    error(k.offered),
    { type: 'Input.ChoiceSet', id: k.listened, label: `If ${k.who} answered: how well did they feel listened to?`, style: 'expanded', value: `\${form.${k.listened}}`,
      choices: listenedChoices },
    error(k.listened),
    { type: 'Input.Text', id: k.help, label: `What would have helped ${k.who}? In general terms (optional)`, isMultiline: true, maxLength: 300, value: `\${form.${k.help}}`,
      placeholder: 'For example: a shorter meeting, after school; time with the chair first. No names, places or anyone\'s own words.' },
    error(k.help),
    { type: 'ActionSet', $when: `\${canRaise.${from}}`, actions: [
      { type: 'Action.Execute', verb: 'feedback.youSaid', title: `Add the ${from === 'child' ? "child's" : "parents'"} answer to "You said"`, data: { meetingId: '${meetingId}', from, record: '${recordKind}' } },
    ] },
    { type: 'TextBlock', $when: `\${raised.${from}}`, text: 'This is already a "You said" item: see "my actions".', wrap: true, isSubtle: true, size: 'Small', spacing: 'None' },
  ];
};

/** The feedback section both after-meeting cards share (the worker's and the chair's), as a template. */
const template = {
  type: 'Container',
  items: [
    { type: 'TextBlock', text: 'Feedback after the meeting', weight: 'Bolder', wrap: true },
    { type: 'TextBlock', text: "Whether the child, and the parents, were offered a feedback form, and what they answered. Write in general terms, not anyone's own words.", wrap: true, isSubtle: true, spacing: 'None' },
    ...side('child'),
    ...side('parents'),
  ],
};

export interface FeedbackSectionView {
  meetingId: string;
  recordKind: 'after' | 'chair';
  childRequired: boolean;
  form: MeetingFeedbackForm;
  errors: Partial<Record<keyof MeetingFeedbackForm, string>>;
  canRaise: Record<FeedbackFrom, boolean>;
  raised: Record<FeedbackFrom, boolean>;
}

const keys = ['feedbackFormOffered', 'childListened', 'childWouldHelp', 'parentsFeedbackOffered', 'parentsListened', 'parentsWouldHelp'] as const;

/** Fills the card's `feedback` container (the template's placeholder) with the feedback questions. */
export function withFeedbackSection(card: Card, view: FeedbackSectionView): Card {
  const section = renderCard(template, {
    ...view,
    form: Object.fromEntries(keys.map((k) => [k, view.form[k] ?? ''])),
    errors: Object.fromEntries(keys.map((k) => [k, view.errors[k] ?? ''])),
  });
  const body = (card.body as Record<string, unknown>[] | undefined) ?? [];
  return { ...card, body: body.map((el) => (el.id === 'feedback' ? { ...el, items: section.items } : el)) };
}
