import { DateTime } from 'luxon';
import { LONDON } from '../calendar/working-days';
import { exitKindLabel, heldLabel, type ExitKey, type ExitRecord } from './exit';

/** The exit conversation form as typed (Teams sends every input as a string). */
export interface ExitForm {
  offered?: string;
  held?: string;
  heldOn?: string;
  point1?: string;
  point2?: string;
  point3?: string;
}
export type ExitErrors = Partial<Record<keyof ExitForm, string>>;

/** What the exit conversation card shows: the question, or the answer once given. */
export interface ExitView {
  key: ExitKey;
  /** Answered: the card shows what was recorded, with no form. */
  record?: ExitRecord;
  form?: ExitForm;
  errors?: ExitErrors;
  notice?: string;
}

export const longDay = (d: string): string => DateTime.fromISO(d, { zone: LONDON }).toFormat('d LLLL yyyy');

/** "Care ended on 3 December 2026" / "Pathway support ended on ...". */
export const endedText = (k: ExitKey): string => `${k.kind === 'care' ? 'Care' : 'Pathway support'} ended on ${longDay(k.endedOn)}`;

/** The answer in words, for the answered card. */
export function answerText(r: ExitRecord): string {
  const offered = r.offered ? 'An exit conversation was offered' : 'No exit conversation was offered';
  const held = r.held ? `; ${heldLabel[r.held].toLowerCase()}${r.held === 'yes' && r.heldOn ? ` on ${longDay(r.heldOn)}` : ''}` : '';
  const points = r.itemIds.length ? ` ${r.itemIds.length} "you said" point${r.itemIds.length === 1 ? '' : 's'} went to the tracker.` : '';
  return `${offered}${held} (${exitKindLabel[r.kind]}).${points}`;
}
