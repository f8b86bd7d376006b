import { z } from 'zod';
import type { IsoDate } from '../calendar/working-days';
import type { Person } from '../model/person';

/** A worker's leave: nudges dated in [from, to] go to the cover colleague, copied to the worker. */
export const CoverSchema = z.object({
  workerId: z.string().min(1),
  coverId: z.string().min(1),
  from: z.iso.date(),
  to: z.iso.date(),
  setBy: z.string().min(1),
  setAt: z.iso.datetime(),
  /** A colleague outside the worker's team covers only once a manager approves (then `approvedBy`). */
  pending: z.boolean().optional(),
  approvedBy: z.string().optional(),
});
export type Cover = z.infer<typeof CoverSchema>;

export interface CoverStore {
  /** Every cover a worker has set (their own partition: a handful of rows). */
  listFor(workerId: string): Promise<Cover[]>;
  /** Every cover in force on `date`, whoever set it (the morning scan reads them once, not per worker). */
  listInForceOn?(date: IsoDate): Promise<Cover[]>;
  save(cover: Cover): Promise<void>;
  remove(cover: Pick<Cover, 'workerId' | 'from' | 'to' | 'coverId'>): Promise<void>;
}

/** Who covers this worker on this date, if anyone (the most recently set approved cover wins). */
export async function coverOn(workerId: string, date: IsoDate, covers: Pick<CoverStore, 'listFor'>): Promise<Cover | undefined> {
  return pickCover(await covers.listFor(workerId), date);
}

/** Of one worker's covers, the approved one in force on this date, if any (the most recently set wins). */
export const pickCover = (covers: readonly Cover[], date: IsoDate): Cover | undefined =>
  covers.filter((c) => !c.pending && c.from <= date && date <= c.to).sort((a, b) => b.setAt.localeCompare(a.setAt))[0];

/**
 * Whether a cover still holds as the directory stands today, not as it stood when it was set: its colleague
 * must still be on the staff list and, unless a manager approved them from outside, still in the worker's team.
 */
export const coverHolds = (cover: Pick<Cover, 'approvedBy'>, worker: Pick<Person, 'teamId'> | undefined, colleague: Pick<Person, 'teamId' | 'goneOn'> | undefined): boolean =>
  Boolean(colleague && !colleague.goneOn && (cover.approvedBy || (worker?.teamId && colleague.teamId === worker.teamId)));

export const CoverFormSchema = z.object({ coverId: z.string().optional(), from: z.string().optional(), to: z.string().optional() });
export type CoverForm = z.infer<typeof CoverFormSchema>;
export type CoverErrors = Partial<Record<keyof CoverForm, string>>;
