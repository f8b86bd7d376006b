import { findPii } from '../core/pii';
import { defaultPromises } from '../core/model';
import { ConfigSchema } from './config';
import { piiGuardOptions } from './pii-settings';

const clock = { now: () => new Date('2026-11-23T08:00:00Z') };
const guardFrom = (env: Record<string, string>) => piiGuardOptions(ConfigSchema.parse(env), { clock, promises: defaultPromises });
const kinds = (text: string, env: Record<string, string> = {}) => findPii(text, guardFrom(env)).map((f) => `${f.kind}:${f.text}`);

describe("the PII guard's council settings", () => {
  it("catch the council's own case number format from PII_CASE_REF_PATTERNS", () => {
    expect(kinds('See THR-123-AB for the plan.')).toEqual([]);
    expect(kinds('See THR-123-AB for the plan.', { PII_CASE_REF_PATTERNS: '["\\\\bTHR-\\\\d{3}-[A-Z]{2}\\\\b"]' })).toEqual(['case_ref:THR-123-AB']);
  });

  it('name a bad pattern, so the app stops with the setting to fix', () => {
    const parsed = ConfigSchema.safeParse({ PII_CASE_REF_PATTERNS: '["(unclosed"]' });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('is not a valid regular expression');
  });

  it('read PII_GAZETTEER as a JSON array or a ";"-separated list, matched as whole words', () => {
    expect(kinds('He is back at the Lakeside unit.', { PII_GAZETTEER: 'Lakeside; Ship Lane site' })).toEqual(['place:Lakeside']);
    expect(kinds('He is back at the Lakeside unit.', { PII_GAZETTEER: '["Lakeside"]' })).toEqual(['place:Lakeside']);
    expect(kinds('Lakesides are lovely.', { PII_GAZETTEER: 'Lakeside' })).toEqual([]);
  });

  it("never take the promise titles or the council's name for a person, and take recent dates for meetings", () => {
    expect(kinds('Dreams: the CICC met on 16/11/2026.', { COUNCIL_NAME: 'Thurrock Council' })).toEqual([]);
    expect(kinds('Thurrock said the bus passes are late.', { COUNCIL_NAME: 'Thurrock Council' })).toEqual([]);
  });
});
