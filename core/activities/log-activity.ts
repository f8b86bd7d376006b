import { z } from 'zod';
import { londonDate } from '../calendar/working-days';
import type { Clock, NewId } from '../clock';
import type { Person } from '../model/person';
import type { PiiScan } from '../pii/general-terms';
import { piiKindLabel } from '../pii/kinds';
import type { AuditLog } from '../ports';
import { requireAllowed } from '../roles';
import { ActivityKindSchema, RecognitionSchema, type Activity } from './activity';
import type { ActivityStore } from './ports';

const list = (v: unknown) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter(Boolean) : v ?? []);
const blankToUndefined = (v: unknown) => (typeof v === 'string' && !v.trim() ? undefined : v);

/** The card's fields as typed; every message says what to put right, beside its field. */
export const ActivityFormSchema = z.object({
  kind: z.preprocess(blankToUndefined, ActivityKindSchema.optional()).refine((v) => v !== undefined, 'Please choose what kind of activity it was.'),
  on: z.preprocess(blankToUndefined, z.iso.date({ message: 'Please give the date it took place.' }).optional()).refine((v) => v !== undefined, 'Please give the date it took place.'),
  youngPeople: z.preprocess(
    blankToUndefined,
    z.coerce.number({ message: 'Please give how many young people took part, as a number.' }).int('Please give a whole number of young people.').min(1, 'At least one young person must have taken part.').max(500, 'That is more than 500 young people: please check the number.').optional(),
  ).refine((v) => v !== undefined, 'Please give how many young people took part (a number, no names).'),
  hours: z.preprocess(
    blankToUndefined,
    z.coerce.number({ message: 'Please give how long it lasted in hours, as a number (1.5 for an hour and a half).' }).min(0.25, 'Please give at least a quarter of an hour (0.25).').max(200, 'That is more than 200 hours: please check it.').optional(),
  ).refine((v) => v !== undefined, 'Please give how long it lasted in hours.'),
  promiseIds: z.preprocess(list, z.array(z.string())),
  service: z.preprocess(blankToUndefined, z.string().trim().max(100, 'Please keep the service under 100 characters.').optional()),
  recognition: z.preprocess(list, z.array(RecognitionSchema, { message: 'Please choose from voucher, certificate or accreditation.' })),
});
export type ActivityForm = Record<string, string | undefined>;

export interface ActivityDeps {
  activities: ActivityStore;
  audit: Pick<AuditLog, 'append'>;
  clock: Clock;
  newId: NewId;
  pii: PiiScan;
  promiseIds: readonly string[];
}

export type LogActivityResult = { ok: true; activity: Activity } | { ok: false; errors: Record<string, string> };

/** A participation officer logs one group activity: counts only; a bad entry comes back with every problem beside its field. */
export async function logActivity(deps: ActivityDeps, o: { actor: Person; form: unknown }): Promise<LogActivityResult> {
  await requireAllowed(o.actor, 'activity.log', { recordType: 'activity', label: 'activity' }, { audit: deps.audit });
  const parsed = ActivityFormSchema.safeParse(o.form);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0] ?? 'kind')] ??= i.message;
  const now = deps.clock.now();
  const today = londonDate(now);
  const d = parsed.success ? parsed.data : undefined;
  if (d?.on && d.on > today) errors.on ??= 'That date is in the future: log an activity once it has happened.';
  if (d?.on && d.on < `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`) errors.on ??= 'That is more than a year ago: please check the date.';
  const unknown = d?.promiseIds.filter((p) => !deps.promiseIds.includes(p)) ?? [];
  if (unknown.length) errors.promiseIds ??= 'Please choose from the promises listed.';
  if (d && !d.promiseIds.length && !d.service) errors.promiseIds ??= 'Please choose the promise it touched, or name the service.';
  // The service is checked even when other fields have problems, so every problem is said at once.
  const service = d?.service ?? (typeof (o.form as { service?: unknown } | null)?.service === 'string' ? ((o.form as { service: string }).service.trim() || undefined) : undefined);
  const found = service ? deps.pii(service) : [];
  if (found.length) errors.service ??= `This seems to identify someone (${[...new Set(found.map((f) => piiKindLabel[f.kind]))].join(', ')}): name the service in general terms, e.g. "leaving care service".`;
  if (!d || Object.keys(errors).length) return { ok: false, errors };

  const activity: Activity = {
    id: deps.newId(),
    kind: d.kind!,
    on: d.on!,
    youngPeople: d.youngPeople!,
    hours: d.hours!,
    promiseIds: d.promiseIds,
    ...(d.service ? { service: d.service } : {}),
    recognition: [...new Set(d.recognition)],
    loggedById: o.actor.id,
    loggedAt: now.toISOString(),
  };
  await deps.activities.save(activity);
  await deps.audit.append({
    actorId: o.actor.id,
    action: 'activity.logged',
    recordType: 'activity',
    recordId: activity.id,
    at: activity.loggedAt,
    detail: { kind: activity.kind, on: activity.on, youngPeople: activity.youngPeople, hours: activity.hours, recognition: activity.recognition },
  });
  return { ok: true, activity };
}
