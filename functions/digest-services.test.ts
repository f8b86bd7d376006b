import { ConfigSchema } from './config';
import { buildDigestServices } from './digest-services';
import type { Services } from './services';

it('in Azure, refuses to sign report download links without the Key Vault secret, so no one can forge one', () => {
  const config = ConfigSchema.parse({ WEBSITE_HOSTNAME: 'gt-prod.azurewebsites.net' });
  expect(() => buildDigestServices({ config } as unknown as Services)).toThrow(/EXPORT_LINK_SECRET must be set/);
});
