import { z } from 'zod';

const id = z.string().min(1).max(300);

/** Every action the admin card sends, by verb. */
export const AdminActionSchema = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('admin.view') }),
  z.object({ verb: z.literal('admin.retry'), id }),
  z.object({ verb: z.literal('admin.discard'), id }),
  z.object({ verb: z.literal('admin.deletePost'), id }),
  z.object({ verb: z.literal('admin.confirmImport'), id }),
  z.object({ verb: z.literal('admin.discardImport'), id }),
  z.object({ verb: z.literal('admin.resume'), meetingId: z.string().trim().min(1).max(64) }),
  z.object({ verb: z.literal('admin.pause'), meetingId: z.string().trim().min(1, 'Give the meeting id.').max(64), reason: z.string().trim().max(200).optional() }),
]);
export type AdminAction = z.infer<typeof AdminActionSchema>;
export const adminVerbs = AdminActionSchema.options.map((o) => o.shape.verb.value);
