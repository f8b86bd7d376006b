import { z } from 'zod';

export const LegalStatusSchema = z.enum(['CIN', 'CP', 'CLA', 'CARE_LEAVER']);
export type LegalStatus = z.infer<typeof LegalStatusSchema>;

export const legalStatusLabel: Record<LegalStatus, string> = {
  CIN: 'Child in need',
  CP: 'Child protection plan',
  CLA: 'Looked after',
  CARE_LEAVER: 'Care leaver',
};

/** Groups whose voices are harder to hear (DOMAIN.md): held as flags, reported only in aggregate. */
export const HarderToHearGroupSchema = z.enum([
  'disabled',
  'placed_out_of_area',
  'uasc',
  'black_minority_ethnic',
  'very_young',
  'care_leaver',
]);
export type HarderToHearGroup = z.infer<typeof HarderToHearGroupSchema>;

export const harderToHearLabel: Record<HarderToHearGroup, string> = {
  disabled: 'Disabled children',
  placed_out_of_area: 'Placed outside the area',
  uasc: 'Unaccompanied asylum-seeking children',
  black_minority_ethnic: 'Black and minority ethnic children',
  very_young: 'Very young children',
  care_leaver: 'Care leavers',
};

/** Case reference from the case-management system: pseudonymous, and safe as a Table key. */
export const CaseRefSchema = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'use letters, numbers, dots, dashes or underscores only');

/** How many earlier teams a child's record keeps. */
export const FORMER_TEAMS_KEPT = 20;

/** Month and year of birth only: enough for age rules, less identifying than a date. */
export const BirthMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'use YYYY-MM');

/**
 * A child, as the bot needs to know them: by reference, never by name. Initials are held only
 * when the council turns that setting on (`showInitials`).
 */
export const ChildSchema = z.object({
  ref: CaseRefSchema,
  workerId: z.uuid(),
  teamId: z.string().trim().min(1).max(64),
  birthMonth: BirthMonthSchema,
  legalStatus: LegalStatusSchema,
  groups: z.array(HarderToHearGroupSchema).default([]),
  initials: z
    .string()
    .regex(/^[A-Z]{1,3}$/, 'up to three capital letters')
    .optional(),
  /** True while the child is new to care (first CLA review not yet held): advocacy is then required. */
  newToCare: z.boolean().default(false),
  /** The London date the child's care episode ended (the import's `care_ended`): their worker is asked once about an exit conversation. */
  careEnded: z.iso.date().optional(),
  /** The London date a care leaver's pathway support ended (`pathway_ended`): asked about in the same way. */
  pathwayEnded: z.iso.date().optional(),
  /**
   * The London date a children snapshot import first left this child out (their case closed or moved out
   * of the service): the day retention counts from. Never imported: any import that lists the child again
   * writes the record without it, so a child who comes back is no longer gone.
   */
  goneOn: z.iso.date().optional(),
  /**
   * The teams the child was in before this one, oldest first, each with when the bot learnt the child left it
   * (the import that moved them, or a confirmed "not my case"). Never imported: kept by every import. The
   * digests place a past meeting in the team the child was in then (`teamAt`).
   */
  formerTeams: z.array(z.object({ teamId: z.string().min(1).max(64), until: z.iso.datetime() })).max(FORMER_TEAMS_KEPT).optional(),
});
export type Child = z.infer<typeof ChildSchema>;

/**
 * The child as `next` says, with the team history of the record on file (`before`): a new team adds the one
 * left, until `at`. The oldest moves go first past FORMER_TEAMS_KEPT (a child moves team a few times at most).
 */
export function withTeamHistory(before: Pick<Child, 'teamId' | 'formerTeams'> | undefined, next: Child, at: Date): Child {
  const { formerTeams: _dropped, ...rest } = next;
  const kept = before?.formerTeams ?? [];
  const moved = before !== undefined && before.teamId !== next.teamId;
  const history = moved ? [...kept, { teamId: before.teamId, until: at.toISOString() }].slice(-FORMER_TEAMS_KEPT) : kept;
  return history.length > 0 ? { ...rest, formerTeams: history } : rest;
}

/** The team the child was in at an instant: the first team they left after it, else their team now. */
export const teamAt = (child: Pick<Child, 'teamId' | 'formerTeams'>, at: string): string =>
  child.formerTeams?.find((t) => Date.parse(t.until) > Date.parse(at))?.teamId ?? child.teamId;

/** Whole years of age on `onDate`; with month of birth only, returns the lowest and highest possible age. */
export function ageRange(birthMonth: string, onDate: Date): { min: number; max: number } {
  const [y, m] = birthMonth.split('-').map(Number) as [number, number];
  const years = onDate.getUTCFullYear() - y;
  const month = onDate.getUTCMonth() + 1;
  if (month > m) return { min: years, max: years };
  if (month < m) return { min: years - 1, max: years - 1 };
  return { min: years - 1, max: years }; // birthday month: could be either side
}
