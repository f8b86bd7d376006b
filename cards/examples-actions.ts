import { z } from 'zod';

// Teams sends an unset input as absent or as ""; both mean "not given".
const field = z.string().max(4000).optional();
const id = z.string().trim().min(1).max(64);

/** The example form's inputs as Teams sends them: strings, multi-selects comma-joined, the toggle "true"/"false". */
export const ExampleFormValuesSchema = z.object({
  title: field,
  happenedOn: field,
  whatHappened: field,
  promiseIds: field,
  mode: field,
  lundy: field,
  scope: field,
  groups: field,
  youSaid: field,
  weDid: field,
  actionText: field,
  actionOwnerId: field,
  actionDue: field,
  shareable: field,
});
export type ExampleFormValues = z.infer<typeof ExampleFormValuesSchema>;

/** A form carried through the PII card as JSON, so "Rewrite" brings every entry back. */
export const draftSchema = <S extends z.ZodType>(values: S) =>
  z
    .string()
    .max(20_000)
    .transform((s, ctx) => {
      try {
        const parsed = values.safeParse(JSON.parse(s));
        if (parsed.success) return parsed.data as z.infer<S>;
      } catch {
        // not JSON: reported below
      }
      ctx.addIssue({ code: 'custom', message: 'the draft is not a form' });
      return z.NEVER;
    });

const optionalId = z.string().trim().max(64).optional();

/** Data of every Action.Execute on the example cards, by verb. Parse `{ verb, ...data }`. */
export const ExampleActionSchema = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('example.new'), text: z.string().max(4000).optional() }),
  z.object({ verb: z.literal('example.submit'), exampleId: optionalId, source: z.enum(['command', 'message']).or(z.literal('')).optional(), ...ExampleFormValuesSchema.shape }),
  z.object({ verb: z.literal('example.saveAnyway'), exampleId: optionalId, source: z.enum(['command', 'message']).or(z.literal('')).optional(), ...ExampleFormValuesSchema.shape }),
  z.object({ verb: z.literal('example.rewrite'), draft: draftSchema(ExampleFormValuesSchema.extend({ exampleId: optionalId, source: z.string().optional() })), recordId: optionalId }),
  z.object({ verb: z.literal('example.keepInternal'), draft: draftSchema(ExampleFormValuesSchema.extend({ exampleId: optionalId, source: z.string().optional() })), recordId: optionalId }),
  z.object({ verb: z.literal('example.edit'), exampleId: id }),
  z.object({ verb: z.literal('example.withdraw'), exampleId: id }),
]);
export type ExampleAction = z.infer<typeof ExampleActionSchema>;
export const exampleVerbs: readonly ExampleAction['verb'][] = ExampleActionSchema.options.map((o) => o.shape.verb.value);

const list = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);
const text = (s: string | undefined) => (s && s.trim() ? s : undefined);

/** The form's strings as the core's example input (lists split, blanks dropped, the toggle a boolean). */
export function toExampleInput(v: ExampleFormValues): Record<string, unknown> {
  return {
    title: v.title ?? '',
    happenedOn: text(v.happenedOn),
    whatHappened: v.whatHappened ?? '',
    promiseIds: list(v.promiseIds),
    mode: text(v.mode),
    lundy: list(v.lundy),
    scope: text(v.scope),
    groups: list(v.groups),
    youSaid: v.youSaid ?? '',
    weDid: text(v.weDid),
    actionText: text(v.actionText),
    actionOwnerId: text(v.actionOwnerId),
    actionDue: text(v.actionDue),
    shareable: v.shareable === 'true',
  };
}

/** A stored example back as form strings, for editing. */
export function toExampleForm(e: {
  title: string; happenedOn: string; whatHappened: string; promiseIds: readonly string[]; mode: string; lundy: readonly string[];
  scope: string; groups: readonly string[]; youSaid: string; weDid?: string; actionText?: string; actionOwnerId?: string; actionDue?: string;
  shareable: boolean; keptInternal?: boolean;
}): ExampleFormValues {
  return {
    title: e.title,
    happenedOn: e.happenedOn,
    whatHappened: e.whatHappened,
    promiseIds: e.promiseIds.join(','),
    mode: e.mode,
    lundy: e.lundy.join(','),
    scope: e.scope,
    groups: e.groups.join(','),
    youSaid: e.youSaid,
    weDid: e.weDid ?? '',
    actionText: e.actionText ?? '',
    actionOwnerId: e.actionOwnerId ?? '',
    actionDue: e.actionDue ?? '',
    shareable: e.shareable || e.keptInternal ? 'true' : 'false',
  };
}
