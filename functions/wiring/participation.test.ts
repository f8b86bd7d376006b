import { buildStores } from '../../adapters/tables';
import { ConfigSchema } from '../config';
import { buildParticipation, promisesFrom } from './participation';

const council = [
  { id: 'aspire', title: 'Aspire', wording: 'We will help you aim high.' },
  { id: 'home', title: 'A home', wording: 'We will find you a home that feels like yours.' },
];

describe("a council's own promises", () => {
  it('replace the default five when PROMISES_JSON is set', () => {
    expect(promisesFrom({ PROMISES_JSON: JSON.stringify(council) }).map((p) => p.id)).toEqual(['aspire', 'home']);
    expect(promisesFrom({ PROMISES_JSON: undefined }).map((p) => p.title)).toContain('Dreams');
  });

  it('name the problem when the setting is wrong, rather than silently using the default', () => {
    expect(() => promisesFrom({ PROMISES_JSON: '[{"id":"Bad Id","title":"x","wording":"y"}]' })).toThrow(/PROMISES_JSON is invalid: 0.id/);
    expect(() => promisesFrom({ PROMISES_JSON: 'not json' })).toThrow(/not valid JSON/);
  });

  it('are never taken for names by the PII guard', () => {
    const config = ConfigSchema.parse({ PROMISES_JSON: JSON.stringify(council) });
    const f = buildParticipation({ config, ...buildStores({ connectionString: config.STORAGE_CONNECTION, prefix: 'unused' }), people: { get: async () => undefined, listByTeam: async () => [] }, audit: { append: async () => undefined, listForRecord: async () => [] }, clock: { now: () => new Date() } });
    expect(f.pii('Aspire said young people should choose their own trips.')).toEqual([]);
  });
});
