import { z } from 'zod';

export const RoleSchema = z.enum([
  'social_worker',
  'manager',
  'participation_officer',
  'board_member',
  'senior_manager',
  'admin',
  'iro',
  'cp_chair',
  'qa_auditor',
]);
export type Role = z.infer<typeof RoleSchema>;

/** Plain-English name of each role, for cards and the README. */
export const roleLabel: Record<Role, string> = {
  social_worker: 'Social worker',
  manager: 'Team manager',
  participation_officer: 'Participation officer',
  board_member: 'Board member',
  senior_manager: 'Senior manager',
  admin: 'Administrator',
  iro: 'Independent reviewing officer',
  cp_chair: 'Child protection conference chair',
  qa_auditor: 'Quality assurance auditor',
};

/** A member of staff (or board), keyed by their Entra object id. */
export const PersonSchema = z.object({
  id: z.uuid(),
  upn: z.string().trim().min(3).max(256),
  displayName: z.string().trim().min(1).max(200),
  roles: z.array(RoleSchema).min(1),
  teamId: z.string().trim().min(1).max(64).optional(),
  lineManagerId: z.uuid().optional(),
  /** The London date a people snapshot import first left this person out (they left); cleared when listed again. */
  goneOn: z.iso.date().optional(),
});
export type Person = z.infer<typeof PersonSchema>;

export const hasRole = (person: Pick<Person, 'roles'>, ...roles: Role[]): boolean =>
  person.roles.some((r) => roles.includes(r));
