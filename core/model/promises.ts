import { z } from 'zod';

/** One of the council's promises to children in care. */
export const PromiseSchema = z.object({
  id: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[a-z0-9-]+$/, 'lower-case letters, numbers and dashes'),
  title: z.string().trim().min(1).max(80),
  /** The promise in the council's words, as the children know it. */
  wording: z.string().trim().min(1).max(500),
});
export type Promise_ = z.infer<typeof PromiseSchema>;

export const PromiseSetSchema = z
  .array(PromiseSchema)
  .min(1)
  .max(20)
  .refine((ps) => new Set(ps.map((p) => p.id)).size === ps.length, 'promise ids must be unique');
export type PromiseSet = z.infer<typeof PromiseSetSchema>;

/** Thurrock's pledge: the default set. Councils replace it with their own (see README). */
export const defaultPromises: PromiseSet = [
  {
    id: 'health',
    title: 'Health',
    wording:
      'We will help you develop healthily: fitness, health and dental checks, and support in all parts of growing up.',
  },
  {
    id: 'safe',
    title: 'Safe and important',
    wording:
      'We will keep you safe and help you feel important while in care: staff there for you, a say in decisions and plans, the same social worker, advice to stay safe, and calls returned within 24 hours.',
  },
  {
    id: 'dreams',
    title: 'Dreams',
    wording:
      'We will help you reach your dreams: celebrating what you achieve, your education, and the same chances as other young people.',
  },
  {
    id: 'relationships',
    title: 'Relationships',
    wording:
      'We will support good relationships and social activities: friends and family, clubs, an independent visitor or mentor, and being heard across the council.',
  },
  {
    id: 'adult-life',
    title: 'Adult life',
    wording:
      'We will prepare you for adult life and leaving care: money, a setting-up-home grant, college and university, work and training, transport, documents and your rights.',
  },
];
