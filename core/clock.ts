/** Injected time and ids, so every rule about dates is testable with a fixed clock. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export type NewId = () => string;
export const randomId: NewId = () => crypto.randomUUID();

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });
