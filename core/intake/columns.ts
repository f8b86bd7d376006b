import { DateTime } from 'luxon';
import { z } from 'zod';
import { LONDON } from '../calendar/working-days';
import { ChildSchema, legalStatusLabel } from '../model/child';
import { meetingTypeLabel } from '../model/meeting';
import { MeetingRowSchema } from './meetings';
import { PersonSchema, roleLabel } from '../model/person';
import { TeamSchema } from '../model/team';

export const ImportKindSchema = z.enum(['children', 'people', 'meetings', 'teams']);
export type ImportKind = z.infer<typeof ImportKindSchema>;

/** How a raw cell becomes a value the domain schema can check. Anything unrecognised is passed on for zod to name. */
type Convert = (raw: unknown) => unknown;

export interface ColumnSpec {
  /** The canonical column name in a CSV header (snake_case). */
  column: string;
  /** The domain field it fills. */
  field: string;
  convert: Convert;
  /** Optional, and a file without the column says nothing about it: the value on file is kept (a blank value clears it). */
  keepIfAbsent?: true;
}

export interface KindSpec {
  schema: z.ZodType;
  idField: string;
  /** Other fields no two rows may share (a UPN signs in one person). */
  unique?: readonly string[];
  columns: readonly ColumnSpec[];
}

const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

const text: Convert = (v) => (blank(v) ? undefined : typeof v === 'string' ? v.trim() : v);
const id: Convert = (v) => (typeof v === 'string' ? text(v.toLowerCase()) : text(v)); // GUIDs in any case

const bool: Convert = (v) => {
  if (blank(v)) return undefined;
  if (typeof v !== 'string') return v;
  const s = v.trim().toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(s)) return true;
  if (['false', 'no', 'n', '0'].includes(s)) return false;
  return v;
};

const code = (s: string): string => s.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** Semicolon-separated list in CSV, or a JSON array; items matched like codes. */
const list =
  (item: Convert = (x) => x): Convert =>
  (v) => {
    if (blank(v)) return undefined;
    const items = Array.isArray(v) ? v : typeof v === 'string' ? v.split(';') : v;
    return Array.isArray(items) ? items.filter((x) => !blank(x)).map(item) : items;
  };

/** An enum value by its code or its plain-English label, in any case ("CP", "cp", "Child protection plan"). */
const oneOf =
  (labels: Record<string, string>): Convert =>
  (v) => {
    if (blank(v) || typeof v !== 'string') return text(v);
    const s = code(v);
    const hit = Object.entries(labels).find(([k, label]) => code(k) === s || code(label) === s);
    return hit ? hit[0] : v.trim();
  };

/** YYYY-MM; a full date (ISO or DD/MM/YYYY) is cut to its month: the store never holds a date of birth. */
const birthMonth: Convert = (v) => {
  if (blank(v) || typeof v !== 'string') return text(v);
  const s = v.trim();
  const iso = /^(\d{4})-(\d{2})(-\d{2})?$/.exec(s);
  if (iso) return `${iso[1]}-${iso[2]}`;
  const uk = /^(?:\d{1,2}\/)?(\d{1,2})\/(\d{4})$/.exec(s);
  if (uk) return `${uk[2]}-${uk[1]!.padStart(2, '0')}`;
  return s;
};

/** A calendar date: ISO (2026-12-01) or DD/MM/YYYY; a time after it is dropped. */
const date: Convert = (v) => {
  if (blank(v) || typeof v !== 'string') return text(v);
  const s = v.trim();
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$/.exec(s);
  if (iso) return iso[1];
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: .*)?$/.exec(s);
  if (uk) return `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}`;
  return s;
};

/** Meeting types by code, plain English or the names case systems also use. */
const meetingTypes = {
  ...meetingTypeLabel,
  ...{ SINGLE_ASSESSMENT: 'Single assessment', CFA: 'C&F assessment', EARLY_HELP_ASSESSMENT: 'EHA', CP_CORE_GROUP: 'Core group' },
};
const meetingTypeAliases: Record<string, string> = { SINGLE_ASSESSMENT: 'ASSESSMENT', CFA: 'ASSESSMENT', EARLY_HELP_ASSESSMENT: 'EH_ASSESSMENT', CP_CORE_GROUP: 'CORE_GROUP' };
const meetingType: Convert = (v) => {
  const hit = oneOf(meetingTypes)(v);
  return typeof hit === 'string' ? (meetingTypeAliases[hit] ?? hit) : hit;
};

/** A value a converter can tell is wrong in a way zod cannot word: the row is rejected at its column with this reason. */
export class CellProblem {
  constructor(readonly reason: string) {}
}

/**
 * A London wall-clock time on a clock-change night: 01:00-01:59 happens twice on the last Sunday of October and
 * never on the last Sunday of March. Read as it is it would be stored an hour out (luxon picks GMT, or moves a
 * missing time on to BST), so the row is refused, asking for the offset.
 */
function clockChangeProblem(dt: DateTime, asWritten: DateTime): CellProblem | undefined {
  const when = `${asWritten.toFormat('HH:mm')} on ${asWritten.toFormat('d MMMM yyyy')}`;
  if (dt.toFormat('HH:mm') !== asWritten.toFormat('HH:mm')) {
    return new CellProblem(`${when} does not exist in London (the clocks go forward from 01:00 to 02:00 that night): give the right time, or the time with its offset, e.g. ${asWritten.toFormat("yyyy-MM-dd'T'HH:mm")}:00+00:00`);
  }
  if (dt.getPossibleOffsets().length > 1) {
    return new CellProblem(`${when} happens twice in London (the clocks go back from 02:00 to 01:00 that night): give the time with its offset, ${asWritten.toFormat("yyyy-MM-dd'T'HH:mm")}:00+01:00 for the first (BST) or +00:00 for the second (GMT)`);
  }
  return undefined;
}

/** An instant. With an offset it is taken as given; without one it is London wall-clock time (ISO or DD/MM/YYYY HH:mm). */
const instant: Convert = (v) => {
  if (blank(v) || typeof v !== 'string') return text(v);
  const s = v.trim();
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(s)) {
    const given = DateTime.fromISO(s, { setZone: true });
    return given.isValid ? given.toISO({ suppressMilliseconds: true }) : s;
  }
  const formats = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", 'yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'd/M/yyyy HH:mm', 'd/M/yyyy HH:mm:ss'];
  for (const f of formats) {
    const dt = DateTime.fromFormat(s, f, { zone: LONDON });
    if (dt.isValid) return clockChangeProblem(dt, DateTime.fromFormat(s, f, { zone: 'utc' })) ?? dt.toISO({ suppressMilliseconds: true });
  }
  return s;
};

const roles = Object.fromEntries(Object.entries(roleLabel));
const groupCode: Convert = (x) => (typeof x === 'string' ? code(x) : x);

/** Canonical columns of each import, in the order the README documents them. */
export const KINDS: Record<ImportKind, KindSpec> = {
  children: {
    schema: ChildSchema,
    idField: 'ref',
    columns: [
      { column: 'ref', field: 'ref', convert: text },
      { column: 'worker_id', field: 'workerId', convert: id },
      { column: 'team_id', field: 'teamId', convert: text },
      { column: 'birth_month', field: 'birthMonth', convert: birthMonth },
      { column: 'legal_status', field: 'legalStatus', convert: oneOf(legalStatusLabel) },
      { column: 'groups', field: 'groups', convert: list(groupCode), keepIfAbsent: true },
      { column: 'initials', field: 'initials', convert: text, keepIfAbsent: true },
      { column: 'new_to_care', field: 'newToCare', convert: bool, keepIfAbsent: true },
      { column: 'care_ended', field: 'careEnded', convert: date, keepIfAbsent: true },
      { column: 'pathway_ended', field: 'pathwayEnded', convert: date, keepIfAbsent: true },
    ],
  },
  people: {
    schema: PersonSchema,
    idField: 'id',
    unique: ['upn'],
    columns: [
      { column: 'id', field: 'id', convert: id },
      { column: 'upn', field: 'upn', convert: text },
      { column: 'display_name', field: 'displayName', convert: text },
      { column: 'roles', field: 'roles', convert: list(oneOf(roles)) },
      { column: 'team_id', field: 'teamId', convert: text, keepIfAbsent: true },
      { column: 'line_manager_id', field: 'lineManagerId', convert: id, keepIfAbsent: true },
    ],
  },
  meetings: {
    schema: MeetingRowSchema,
    idField: 'id',
    columns: [
      { column: 'id', field: 'id', convert: text },
      { column: 'child_ref', field: 'childRef', convert: text },
      { column: 'type', field: 'type', convert: meetingType },
      { column: 'start', field: 'start', convert: instant },
      { column: 'chair', field: 'chair', convert: text, keepIfAbsent: true },
      { column: 'chair_id', field: 'chairId', convert: id, keepIfAbsent: true },
      { column: 'status', field: 'status', convert: oneOf({ scheduled: 'scheduled', cancelled: 'canceled' }) },
      { column: 'first', field: 'first', convert: bool, keepIfAbsent: true },
      { column: 'referral_date', field: 'referredOn', convert: date },
      { column: 'due_date', field: 'dueOn', convert: date },
    ],
  },
  teams: {
    schema: TeamSchema,
    idField: 'id',
    columns: [
      { column: 'id', field: 'id', convert: text },
      { column: 'name', field: 'name', convert: text },
      { column: 'district', field: 'district', convert: text },
      { column: 'manager_id', field: 'managerId', convert: id, keepIfAbsent: true },
    ],
  },
};

/** Per-council header names: `{ "meetings": { "MeetingID": "id" } }` maps a file's column to a canonical one. */
export const ColumnMapSchema = z.partialRecord(ImportKindSchema, z.record(z.string(), z.string()));
export type ColumnMap = z.infer<typeof ColumnMapSchema>;
