import type { z } from 'zod';

/**
 * A JSON app setting checked by its schema: not JSON, or not the right shape, stops the app with a message
 * naming the setting and what is wrong (fail closed; never ignored).
 */
export function jsonSetting<S extends z.ZodType>(name: string, text: string, schema: S, example: string): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`${name} is not valid JSON: it should look like ${example}.`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`${name} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
