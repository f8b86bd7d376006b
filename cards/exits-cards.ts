import { z } from 'zod';
import { answerText, endedText, type ExitView } from '../core/exits';
import template from './exit-conversation.json';
import { renderCard, type Card } from './render';

// Teams sends every input as a string, and a blank template field as " ".
const text = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(1000).optional());

/** The exit conversation card's one button, with the ending it is about and the inputs as typed. */
export const exitVerbs = ['exit.record'] as const;
export const ExitActionSchema = z.object({
  verb: z.literal('exit.record'),
  childRef: z.string().trim().min(1).max(40),
  kind: z.enum(['care', 'pathway']),
  endedOn: z.iso.date(),
  offered: text,
  held: text,
  heldOn: text,
  point1: text,
  point2: text,
  point3: text,
});
export type ExitAction = z.infer<typeof ExitActionSchema>;

/** The card asking a worker about a child's exit conversation: the form, back with problems, or the answer given. */
export function exitConversationCard(v: ExitView): Card {
  const answered = v.record?.answeredAt ? answerText(v.record) : '';
  return renderCard(template, {
    heading: `Exit conversation: ${v.key.childRef}`,
    intro: `${endedText(v.key)}. Was the young person offered a conversation about their experience of care, and was it held? What they said helps the service improve.`,
    notice: v.notice ?? '',
    answered,
    asking: !answered,
    hasErrors: !!v.errors && Object.keys(v.errors).length > 0,
    errors: v.errors ?? {},
    values: { offered: '', held: '', heldOn: '', point1: '', point2: '', point3: '', ...(v.form ?? {}) },
    childRef: v.key.childRef,
    kind: v.key.kind,
    endedOn: v.key.endedOn,
  });
}
