import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RetentionSettingsSchema } from '../../core/retention';
import { ConfigSchema } from '../../functions/config';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('the README', () => {
  it('documents every setting the app reads, so an IT team can configure it from the README alone', () => {
    const missing = Object.keys(ConfigSchema.shape).filter((key) => {
      const suffix = key.includes('__') ? `__${key.split('__')[1]}` : key;
      return !readme.includes(`\`${key}\``) && !readme.includes(`\`${suffix}\``);
    });
    expect(missing).toEqual([]);
  });

  it('names every RETENTION_JSON key, in the README and in docs/retention.md, where its default is reasoned', () => {
    const retention = readFileSync(join(__dirname, '..', '..', 'docs', 'retention.md'), 'utf8');
    const keys = Object.keys(RetentionSettingsSchema.shape);
    expect(keys.length).toBeGreaterThan(10);
    expect(keys.filter((key) => !readme.includes(`\`${key}\``))).toEqual([]);
    expect(keys.filter((key) => !retention.includes(`\`${key}`))).toEqual([]);
  });

  it('links only to docs that exist', () => {
    const links = [...readme.matchAll(/\]\((docs\/[^)#]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(5);
    const broken = links.filter((link) => {
      try {
        readFileSync(join(__dirname, '..', '..', link));
        return false;
      } catch {
        return true;
      }
    });
    expect(broken).toEqual([]);
  });
});
