import { z } from 'zod';

/** A social work team, within a district. */
export const TeamSchema = z.object({
  id: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  district: z.string().trim().min(1).max(200),
  managerId: z.uuid().optional(),
  /** The London date a teams snapshot import first left this team out; cleared when listed again. */
  goneOn: z.iso.date().optional(),
});
export type Team = z.infer<typeof TeamSchema>;
