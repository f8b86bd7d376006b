import { londonDate } from '../calendar/working-days';
import { DomainError } from '../errors';
import type { Person } from '../model/person';
import type { PromiseSet } from '../model/promises';
import { scanFields } from '../pii/general-terms';
import type { ReadingCheck } from '../digests/text/reading-gate';
import type { PiiFinding } from '../pii/kinds';
import { authorise } from '../tracker/authorise';
import type { FieldErrors } from '../errors';
import type { TrackerDeps } from '../tracker/deps';
import { isActive } from '../tracker/item';
import { withdrawItem } from '../tracker/progress';
import { raiseItem } from '../tracker/raise';
import { hardFields } from '../tracker/reading';
import { fieldErrors } from '../tracker/validate';
import { exampleInputSchema, exampleTextFields, type Example, type ExampleInput } from './example';
import type { ExampleStore } from './ports';

export interface ExampleDeps extends TrackerDeps {
  examples: ExampleStore;
  promises: PromiseSet;
}

export type ShareResult =
  | { kind: 'invalid'; errors: FieldErrors }
  /** The author asked to share it, and the guard found identifying details: rewrite, or keep internal. */
  | { kind: 'pii'; findings: Record<string, PiiFinding[]> }
  /** Shared, but young people would find its words hard to read: rewrite them, or save anyway (marked for rewording). */
  | { kind: 'hard'; reading: Record<string, ReadingCheck> }
  | { kind: 'saved'; example: Example };

/** The texts the CICC digest quotes from a shared example (its summary: title, you said, we did or the plan). */
const quotedTexts = (v: ExampleInput) => ({ title: v.title, youSaid: v.youSaid, ...(v.weDid ? { weDid: v.weDid } : { actionText: v.actionText }) });

function check(deps: ExampleDeps, input: unknown, o: { keepInternal?: boolean; saveAnyway?: boolean }, today: string) {
  const parsed = exampleInputSchema(deps.promises).safeParse(input);
  if (!parsed.success) return { result: { kind: 'invalid', errors: fieldErrors(parsed.error) } as ShareResult };
  const v = parsed.data;
  if (v.actionDue && v.actionDue < today) return { result: { kind: 'invalid', errors: { actionDue: 'The due date has passed: please choose today or later.' } } as ShareResult };
  if (v.happenedOn > today) return { result: { kind: 'invalid', errors: { happenedOn: 'That date is in the future.' } } as ShareResult };
  const findings = scanFields(deps.pii, Object.fromEntries(exampleTextFields.map((f) => [f, v[f]])));
  const found = Object.keys(findings).length > 0;
  if (v.shareable && found && !o.keepInternal) return { result: { kind: 'pii', findings } as ShareResult };
  const hard = v.shareable && !found ? hardFields(quotedTexts(v)) : {};
  if (Object.keys(hard).length && !o.saveAnyway) return { result: { kind: 'hard', reading: hard } as ShareResult };
  return { value: v, found, findings, needsRewording: Object.keys(hard).length > 0 };
}

const kindsOf = (findings: Record<string, PiiFinding[]>) => [...new Set(Object.values(findings).flat().map((f) => f.kind))];

/**
 * Shares a participation example. Invalid input comes back with each problem named by field; if the
 * author asked to share it and the guard finds identifying details, they rewrite or keep it internal.
 * A planned action becomes a "You said" item with its owner and due date.
 */
export async function shareExample(
  deps: ExampleDeps,
  o: { actor: Person; input: unknown; keepInternal?: boolean; saveAnyway?: boolean; source?: Example['source'] },
): Promise<ShareResult> {
  const now = deps.clock.now();
  const today = londonDate(now);
  const c = check(deps, o.input, o, today);
  if (c.result) return c.result;
  const v = c.value as ExampleInput;
  const at = now.toISOString();
  const example: Example = {
    ...v,
    id: deps.newId(),
    shareable: v.shareable && !c.found,
    keptInternal: v.shareable && c.found,
    ...(c.needsRewording ? { needsRewording: true } : {}),
    authorId: o.actor.id,
    teamId: o.actor.teamId,
    source: o.source ?? 'command',
    status: 'active',
    recordedAt: at,
    recordedOn: today,
    updatedAt: at,
  };
  if (v.actionText && v.actionOwnerId && v.actionDue) {
    const raised = await raiseItem(deps, {
      actor: o.actor,
      input: { youSaid: v.youSaid, saidBy: v.scope === 'individual' ? 'child' : 'group', ownerId: v.actionOwnerId, dueDate: v.actionDue },
      source: { kind: 'example', exampleId: example.id },
      keepInternal: true,
      saveAnyway: true, // the example's own texts are what the author is shown; the item is marked if it reads too hard
    });
    if (raised.kind === 'invalid') {
      const rename: Record<string, string> = { ownerId: 'actionOwnerId', dueDate: 'actionDue' };
      return { kind: 'invalid', errors: Object.fromEntries(Object.entries(raised.errors).map(([k, m]) => [rename[k] ?? k, m])) };
    }
    if (raised.kind === 'raised') example.trackerItemId = raised.item.id;
  }
  await deps.examples.create(example);
  await deps.audit.append({
    actorId: o.actor.id,
    action: 'example.shared',
    recordType: 'example',
    recordId: example.id,
    at,
    detail: { promiseIds: example.promiseIds, shareable: example.shareable, keptInternal: example.keptInternal, needsRewording: !!example.needsRewording, piiKinds: kindsOf(c.findings ?? {}), trackerItemId: example.trackerItemId },
  });
  return { kind: 'saved', example };
}

async function load(deps: ExampleDeps, actor: Person, id: string) {
  const got = await deps.examples.get(id);
  if (!got) throw new DomainError('NOT_FOUND', 'That example was not found.');
  await authorise(actor, { authorId: got.value.authorId, id: got.value.id }, 'example', deps);
  if (got.value.status === 'withdrawn') throw new DomainError('CONFLICT', 'That example was withdrawn.');
  return got;
}

/** The author (or an admin) changes an example; it is checked again, and the audit keeps what changed. */
export async function editExample(
  deps: ExampleDeps,
  o: { actor: Person; id: string; input: unknown; keepInternal?: boolean; saveAnyway?: boolean },
): Promise<ShareResult> {
  const { value: before, etag } = await load(deps, o.actor, o.id);
  const now = deps.clock.now();
  const c = check(deps, o.input, o, londonDate(now));
  if (c.result) return c.result;
  const v = c.value as ExampleInput;
  const at = now.toISOString();
  const next: Example = { ...before, ...v, shareable: v.shareable && !c.found, keptInternal: v.shareable && c.found, needsRewording: !!c.needsRewording, updatedAt: at };
  const changed = Object.keys(v).filter((k) => JSON.stringify(v[k as keyof ExampleInput]) !== JSON.stringify(before[k as keyof Example]));
  await deps.examples.update(next, etag);
  await deps.audit.append({
    actorId: o.actor.id,
    action: 'example.edited',
    recordType: 'example',
    recordId: before.id,
    at,
    detail: { changed, before: Object.fromEntries(changed.map((k) => [k, before[k as keyof Example]])), shareable: next.shareable },
  });
  return { kind: 'saved', example: next };
}

/** The author (or an admin) withdraws an example: it leaves every digest, and the audit keeps it. */
export async function withdrawExample(deps: ExampleDeps, o: { actor: Person; id: string; reason?: string }): Promise<Example> {
  const { value: before, etag } = await load(deps, o.actor, o.id);
  const now = deps.clock.now();
  const at = now.toISOString();
  const next: Example = { ...before, status: 'withdrawn', shareable: false, withdrawnAt: at, withdrawnOn: londonDate(now), updatedAt: at };
  await deps.examples.update(next, etag);
  // Its planned action goes too, unless it was already acted on.
  const item = before.trackerItemId ? await deps.items.get(before.trackerItemId) : undefined;
  if (item && isActive(item.value)) await withdrawItem(deps, { actor: o.actor, id: item.value.id, reason: 'its example was withdrawn' });
  await deps.audit.append({ actorId: o.actor.id, action: 'example.withdrawn', recordType: 'example', recordId: before.id, at, detail: { reason: o.reason ?? '' } });
  return next;
}
