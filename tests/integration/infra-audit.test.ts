import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_CONTAINER } from '../../adapters/audit';
import { RetentionSettingsSchema } from '../../core/retention';

const infra = join(__dirname, '..', '..', 'infra');
const main = readFileSync(join(infra, 'main.bicep'), 'utf8');
const storage = readFileSync(join(infra, 'modules', 'storage.bicep'), 'utf8');

/** The body of one `resource <name> '<type>' = { ... }` block (its lines up to the closing brace at column 0). */
function resource(text: string, name: string): { type: string; body: string } {
  const m = new RegExp(`^resource ${name} '([^']+)' = (?:if \\([^)]*\\) )?\\{\\n([\\s\\S]*?)^\\}`, 'm').exec(text);
  if (!m) throw new Error(`no resource ${name}`);
  return { type: m[1]!, body: m[2]! };
}

describe('infra: the audit trail is append-only in Azure', () => {
  it('the container the app appends to is the one the Bicep makes', () => {
    expect(main).toMatch(new RegExp(`^var auditContainerName = '${AUDIT_CONTAINER}'`, 'm'));
    expect(main).toMatch(/^\s+auditContainerName: auditContainerName$/m);
    const container = resource(storage, 'auditContainer');
    expect(container.type).toMatch(/^Microsoft\.Storage\/storageAccounts\/blobServices\/containers@/);
    expect(container.body).toMatch(/name: auditContainerName/);
    expect(container.body).toMatch(/publicAccess: 'None'/);
  });

  it('has a time-based immutability policy on that container that allows protected appends only to append blobs', () => {
    const policy = resource(storage, 'auditImmutability');
    expect(storage).toMatch(/^param auditImmutabilityLocked bool$/m); // once locked, left alone (ARM refuses to write over it)
    expect(policy.type).toMatch(/^Microsoft\.Storage\/storageAccounts\/blobServices\/containers\/immutabilityPolicies@/);
    expect(policy.body).toMatch(/parent: auditContainer$/m);
    expect(policy.body).toMatch(/name: 'default'/);
    expect(policy.body).toMatch(/immutabilityPeriodSinceCreationInDays: auditRetentionDays \+ 1$/m); // a day's blob takes appends for a day
    expect(policy.body).toMatch(/allowProtectedAppendWrites: true/);
    // Not the block-blob variant: that would let blocks be committed to block blobs too.
    expect(policy.body).not.toMatch(/allowProtectedAppendWritesAll/);
  });

  it('keeps the trail as long as the app keeps its index (RETENTION_JSON auditYears), and deletes a blob only after its immutability ends', () => {
    const days = Number(/^param auditRetentionDays int = (\d+)$/m.exec(main)?.[1]);
    const years = RetentionSettingsSchema.parse({}).auditYears;
    expect(days).toBeGreaterThanOrEqual(Math.floor(years * 365.25));
    expect(storage).toMatch(/filters: \{ blobTypes: \['appendBlob'\], prefixMatch: \['\$\{auditContainerName\}\/'\] \}/);
    expect(storage).toMatch(/baseBlob: \{ delete: \{ daysAfterModificationGreaterThan: auditRetentionDays \+ 1 \} \}/);
  });
});
