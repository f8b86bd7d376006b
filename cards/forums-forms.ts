import { DomainError, type FieldErrors } from '../core/errors';
import type { ForumDraft, Forum, RecordOutcomeRequest } from '../core/forums';
import { choiceFromRule, AgeBandSchema } from '../core/forums';
import { HarderToHearGroupSchema } from '../core/model';
import { MAX_POINTS, type ForumEditorInputs, type OutcomeInputs } from './forums-actions';

/** Problems to show beside fields, keyed by the card's field names. */

/** The core's error details (field -> messages) as one message per field. */
export function fieldErrorsOf(err: unknown): FieldErrors {
  if (!(err instanceof DomainError) || err.code !== 'INVALID') return {};
  const details = (err.details ?? {}) as Record<string, string[] | undefined>;
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(details)) if (v?.length) out[k] = v.join(' ');
  if (!Object.keys(out).length) out.form = err.message;
  return out;
}

/** The editor's values for an existing forum (or the defaults for a new one). */
export function editorValuesOf(forum: Forum | undefined, today: string): ForumEditorInputs {
  if (!forum)
    return { frequency: 'monthly', ordinal: '1', weekday: 'WE', startDate: today, time: '17:00', reminderDays: '7, 1', type: 'CICC' };
  const plain = choiceFromRule(forum.rrule);
  return {
    forumId: forum.id,
    name: forum.name,
    type: forum.type,
    frequency: plain?.frequency ?? 'custom',
    ordinal: String(plain?.ordinal ?? 1),
    weekday: plain?.weekday ?? 'WE',
    customRule: plain ? undefined : forum.rrule,
    startDate: forum.startDate,
    time: forum.time,
    place: forum.place,
    onlineLink: forum.onlineLink,
    facilitatorIds: forum.facilitatorIds.join(','),
    channelId: forum.channelId,
    reminderDays: forum.reminderOffsetsDays.join(', '),
  };
}

/** The editor's inputs as a core draft (the core validates it and names each problem by field). */
export function draftFromEditor(i: ForumEditorInputs): ForumDraft {
  const custom = i.frequency === 'custom' || (!!i.customRule && !i.frequency);
  const days = (i.reminderDays ?? '7, 1').split(/[,\s]+/).filter(Boolean).map(Number);
  return {
    name: i.name ?? '',
    type: (i.type ?? '') as ForumDraft['type'],
    repeat: custom
      ? { rrule: i.customRule ?? '' }
      : { plain: { frequency: i.frequency as never, weekday: i.weekday as never, ordinal: Number(i.ordinal ?? 1) as never } },
    startDate: i.startDate ?? '',
    time: i.time ?? '',
    place: i.place,
    onlineLink: i.onlineLink,
    facilitatorIds: (i.facilitatorIds ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    channelId: i.channelId === 'none' ? undefined : i.channelId,
    reminderOffsetsDays: days,
  };
}

const countOf = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
const field = (i: OutcomeInputs, k: string): string | undefined => (i as Record<string, string | undefined>)[k];

/** The outcome card's inputs as a core request; blank point rows are skipped. */
export function outcomeFromInputs(i: OutcomeInputs): RecordOutcomeRequest {
  const byAgeBand = Object.fromEntries(
    AgeBandSchema.options.map((b) => [b, countOf(field(i, `age_${b}`))]).filter(([, n]) => n !== undefined),
  );
  const harderToHear = Object.fromEntries(
    HarderToHearGroupSchema.options.map((g) => [g, countOf(field(i, `group_${g}`))]).filter(([, n]) => n !== undefined),
  );
  const points: RecordOutcomeRequest['points'] = [];
  for (let n = 0; n < MAX_POINTS; n++) {
    const text = field(i, `p${n}text`);
    if (!text) continue;
    points.push(
      field(i, `p${n}kind`) === 'no_action'
        ? { kind: 'no_action', text, note: field(i, `p${n}note`) }
        : { kind: 'action', text, ownerId: field(i, `p${n}owner`) ?? '', dueDate: field(i, `p${n}due`) ?? '' },
    );
  }
  return { forumId: i.forumId, originalDate: i.originalDate, attendance: { total: countOf(i.total) ?? NaN, byAgeBand, harderToHear }, points };
}

/**
 * Core's outcome error keys (`points.<k>.text`, where k counts only the filled rows; `attendance.total`)
 * as the card's field names (`p<row>text`, `total`).
 */
export function outcomeErrorsForCard(errors: FieldErrors, i: OutcomeInputs): FieldErrors {
  const rows = Array.from({ length: MAX_POINTS }, (_, n) => n).filter((n) => !!field(i, `p${n}text`));
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(errors)) {
    const point = /^points\.(\d+)\.(text|ownerId|dueDate)$/.exec(k);
    if (point) {
      const row = rows[Number(point[1])];
      const part = { text: 'text', ownerId: 'owner', dueDate: 'due' }[point[2] as 'text'];
      out[`p${row}${part}`] = v;
    } else if (k.startsWith('attendance.harderToHear.')) out[`group_${k.split('.')[2]}`] = v;
    else out[k.replace(/^attendance\./, '')] = v;
  }
  return out;
}
