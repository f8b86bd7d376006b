import { z } from 'zod';

/** One entry of the append-only audit trail: who did what, when, to which record. */
export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actorId: z.string(), // a person's Entra id, or 'system:<function>'
  action: z.string().min(1).max(80), // e.g. 'voice.recorded', 'import.meetings', 'outbox.parked'
  recordType: z.string().min(1).max(40),
  recordId: z.string().min(1).max(200),
  /** What changed, as a small JSON object; never a child's own words. */
  detail: z.record(z.string(), z.unknown()).default({}),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
