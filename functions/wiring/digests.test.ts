import { ConfigSchema } from '../config';
import { buildDigestServices, exportLinks, linkSecrets } from './digests';
import type { Services } from './services';

it('in Azure, refuses to sign report download links without the Key Vault secret, so no one can forge one', () => {
  const config = ConfigSchema.parse({ WEBSITE_HOSTNAME: 'gt-prod.azurewebsites.net' });
  expect(() => buildDigestServices({ config } as unknown as Services)).toThrow(/EXPORT_LINK_SECRET must be set/);
});

describe('download links', () => {
  let now = Date.parse('2026-11-23T10:00:00Z');
  const clock = { now: () => new Date(now) };
  beforeEach(() => {
    now = Date.parse('2026-11-23T10:00:00Z');
  });
  const parts = (url: string) => {
    const u = new URL(url);
    return [u.pathname, u.searchParams.get('expires'), u.searchParams.get('sig')] as const;
  };
  const PATH = '/api/digests/export/report/October-2026';

  it('work for an hour at most, whatever life was asked for', () => {
    const links = exportLinks({ current: 'k1' }, 'https://gt.example', clock);
    const url = links.sign(PATH, 7 * 24 * 60);
    const [path, expires, sig] = parts(url);
    expect(links.verify(path, expires, sig, new Date(now + 59 * 60_000))).toBe(true);
    expect(links.verify(path, expires, sig, new Date(now + 61 * 60_000))).toBe(false);
  });

  it('made before a key rotation still work for their hour; once the old key is dropped they do not', () => {
    const url = exportLinks({ current: 'old-key' }, 'https://gt.example', clock).sign(PATH);
    const [path, expires, sig] = parts(url);
    now += 10 * 60_000;
    const rotated = exportLinks({ current: 'new-key', previous: 'old-key' }, 'https://gt.example', clock);
    expect(rotated.verify(path, expires, sig, clock.now())).toBe(true);
    expect(rotated.verify(...parts(rotated.sign(PATH)), clock.now())).toBe(true);
    const finished = exportLinks({ current: 'new-key' }, 'https://gt.example', clock);
    expect(finished.verify(path, expires, sig, clock.now())).toBe(false);
  });

  it('refuse a changed path, a changed expiry, or an expiry further off than any link is given', () => {
    const links = exportLinks({ current: 'k1' }, 'https://gt.example', clock);
    const [path, expires, sig] = parts(links.sign(PATH));
    expect(links.verify('/api/digests/export/report/November-2026', expires, sig, clock.now())).toBe(false);
    expect(links.verify(path, String(Number(expires) + 60), sig, clock.now())).toBe(false);
    const forged = exportLinks({ current: 'k1' }, 'https://gt.example', { now: () => new Date(now + 24 * 3_600_000) });
    expect(links.verify(...parts(forged.sign(PATH)), clock.now())).toBe(false);
  });

  it('in Azure, an unresolved Key Vault reference is never used as the key', () => {
    expect(() => linkSecrets({ WEBSITE_HOSTNAME: 'gt-prod.azurewebsites.net', EXPORT_LINK_SECRET: '@Microsoft.KeyVault(VaultName=kv;SecretName=s)', STORAGE_CONNECTION: 'x' })).toThrow(/EXPORT_LINK_SECRET must be set/);
  });
});
