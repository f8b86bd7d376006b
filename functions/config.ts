import { z } from 'zod';
import { ColumnMapSchema } from '../core/intake';
import { RetentionSettingsSchema } from '../core/retention';
import { RoleGroupsSchema } from '../core/directory';

// Every setting the function app reads, parsed once from process.env into a frozen object.
// App-setting names appear here and in infra/, nowhere else. Add new settings to this schema.
const optionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const flag = z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() === 'true' || v === '1' : v === true), z.boolean());


const parseJson = (v: unknown): unknown => {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v; // left as text, so the schema names the setting
  }
};

const compiles = (source: string): boolean => {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false; // named by the schema's message
  }
};

export const ConfigSchema = z.object({
  /** Table, Queue and Blob storage (locally Azurite, whose connection string names all three endpoints). Azure: the Functions runtime's own account setting, or the app's. */
  STORAGE_CONNECTION: z.string().min(1).default('UseDevelopmentStorage=true'),
  /** Azure: identity-based storage (the Functions convention for a connection named STORAGE_CONNECTION). */
  STORAGE_CONNECTION__tableServiceUri: optionalString,
  STORAGE_CONNECTION__queueServiceUri: optionalString,
  /** The nightly table backup writes JSON lines to the `table-backups` container here (docs/deploy.md, section 9). */
  STORAGE_CONNECTION__blobServiceUri: optionalString,
  /** `managedidentity`: the only credential the app uses for storage in Azure. */
  STORAGE_CONNECTION__credential: optionalString,
  /** The user-assigned managed identity's client id. */
  STORAGE_CONNECTION__clientId: optionalString,
  /** Prefix for table and queue names (letters and digits), so environments can share an account. */
  TABLE_PREFIX: z.string().regex(/^[A-Za-z0-9]*$/).default(''),

  /** Bot Framework authentication: on whenever MicrosoftAppId is set. */
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.enum(['SingleTenant', 'UserAssignedMSI', 'MultiTenant']).default('SingleTenant'),
  MicrosoftAppTenantId: optionalString,
  /** More Entra tenants whose Teams activities the bot serves besides MicrosoftAppTenantId, comma-separated (a council sharing the bot with a partner). */
  ALLOWED_TENANT_IDS: z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((t) => t.trim()).filter(Boolean) : (v ?? [])), z.array(z.string().min(1))),
  /**
   * Local stack and tests only: serve /api/messages without Bot Framework authentication when there is no
   * MicrosoftAppId (npm start and the tests set it). Refused when running in Azure (WEBSITE_* set).
   */
  GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: flag.default(false),
  /** Set by Azure App Service on every instance: how the app knows it runs in Azure (never set them locally). */
  WEBSITE_INSTANCE_ID: optionalString,
  WEBSITE_SITE_NAME: optionalString,

  /** Which Entra security groups give which role: `social_worker=<group id>,<id>;manager=<id>` (docs/deploy.md). */
  ROLE_GROUPS: z.preprocess((v) => (v === undefined ? '' : v), RoleGroupsSchema),
  /** The app's id in the organisation's Teams catalogue: lets the bot install itself for a worker who has not. */
  TEAMS_APP_CATALOG_ID: optionalString,
  /** Set by the platform for the managed identity (Graph tokens); not app settings. */
  IDENTITY_ENDPOINT: optionalString,
  IDENTITY_HEADER: optionalString,

  /** The council, as shown on cards. */
  COUNCIL_NAME: z.string().default('Demo Borough Council'),
  /** Show a child's initials beside their case reference in 1:1 cards (never in channels). */
  SHOW_CHILD_INITIALS: flag.default(false),
  /** Deep link into the case record; `{ref}` is replaced by the case reference. */
  CASE_RECORD_URL: z.string().default('https://case-system.example.invalid/child/{ref}'),
  /** Voice of the child: per-type schedule overrides, JSON, e.g. {"RCPC":{"voiceByWorkingDaysBefore":5,"nudges":[10,5,2]}} (docs/voice.md). */
  VOICE_SCHEDULE_JSON: optionalString,
  /** How "N working days before" is counted: `event-day` (the meeting is day 0) or `clear-days` (N whole days between). */
  VOICE_DAY_ZERO: z.enum(['event-day', 'clear-days']).default('event-day'),
  /** London time of the morning nudge slot, HH:mm. */
  NUDGE_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).default('08:30'),
  /** Advocacy must be offered before a first ICPC to children of this age or over (Thurrock: over 5). */
  ADVOCACY_MIN_AGE: z.coerce.number().int().min(0).max(18).default(5),
  /** How far ahead the nudge scan reads meetings, in working days. */
  NUDGE_HORIZON_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(20),
  /** The longest cover a worker can set for their leave, in calendar days (six weeks). */
  COVER_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(42),
  /** Child protection core groups after the first (10 working days after the ICPC) meet at least this often, in weeks (docs/voice.md). */
  CORE_GROUP_INTERVAL_WEEKS: z.coerce.number().int().min(1).max(26).default(6),
  /** Children sampled per team for each month's case-file audit of voice (docs/audits.md). */
  AUDIT_SAMPLE_PER_TEAM: z.coerce.number().int().min(0).max(20).default(2),
  /** Local demo only: the nudge scan runs whenever invoked, not just at the morning slot on working days. */
  NUDGE_SCAN_ANY_TIME: flag.default(false),
  /** JSON array of the council's promises (see README); empty means the default (Thurrock's five). */
  PROMISES_JSON: optionalString,

  /**
   * The council's own case and person number formats, added to the PII guard's defaults: a JSON array of
   * regular expressions, e.g. ["\\bTHR-\\d{3}-[A-Z]{2}\\b"] (a capture group marks the number itself; docs/examples.md).
   */
  PII_CASE_REF_PATTERNS: z.preprocess(
    (v) => (v === undefined || v === '' ? [] : parseJson(v)),
    z.array(z.string().min(1).refine(compiles, { message: 'is not a valid regular expression' })).max(50),
  ),
  /**
   * Places that identify a child in this borough (estates, children's homes, streets, schools), matched as whole
   * words by the PII guard: a JSON array, or names separated by ";" or new lines.
   */
  PII_GAZETTEER: z.preprocess(
    (v) => (v === undefined || v === '' ? [] : typeof v === 'string' && !v.trim().startsWith('[') ? v.split(/[;\n]/) : parseJson(v)),
    z.array(z.string().transform((s) => s.trim())).transform((xs) => xs.filter(Boolean)),
  ),

  /** Per-council import column names, JSON: {"meetings":{"MeetingID":"id"}} (see docs/import.md). */
  IMPORT_COLUMN_MAP: z.preprocess((v) => (v === undefined || v === '' ? {} : parseJson(v)), ColumnMapSchema),

  /** An import body over this many bytes is refused with 413 before it is read (docs/import.md, "Limits"). */
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1_000).default(50_000_000),
  /** A file with more rows than this is refused, naming the first line over. */
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).default(200_000),
  /** Accidental-delete prevention: a snapshot marking gone (or cancelling) more than the larger of this percentage of what is on file... */
  IMPORT_DELETE_THRESHOLD_PERCENT: z.coerce.number().min(0).max(100).default(5),
  /** ...and this many records, per kind, is held until an administrator confirms it (docs/import.md). */
  IMPORT_DELETE_THRESHOLD_RECORDS: z.coerce.number().int().min(0).default(20),

  /** How long each kind of record is kept, JSON, e.g. {"outboxDays":60}; unset keeps the defaults (docs/retention.md). */
  RETENTION_JSON: z.preprocess((v) => (v === undefined || v === '' ? {} : parseJson(v)), RetentionSettingsSchema),
  /** Warn admins this many months before the shipped bank-holiday data runs out (docs/admin.md). */
  BANK_HOLIDAY_WARNING_MONTHS: z.coerce.number().int().min(1).max(24).default(6),

  /** Signs the expiring download links of the printable digests and reports (a Key Vault reference in Azure). */
  EXPORT_LINK_SECRET: optionalString,
  /** During a key rotation only: the key before EXPORT_LINK_SECRET, still accepted for links made in the last hour (docs/deploy.md). */
  EXPORT_LINK_SECRET_PREVIOUS: optionalString,
  /**
   * The case system's nightly import, the one caller allowed with a function key and no person signed in
   * (e.g. `liquidlogic-nightly`): its imports are audited as `system:import:<name>`. Unset: every import needs a person.
   */
  IMPORT_CALLER: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and hyphens').optional()),
  /** Set by App Service to `True` when App Service Authentication (Entra ID sign-in) is on: only then is x-ms-client-principal trusted. */
  WEBSITE_AUTH_ENABLED: flag.default(false),
  /** Set by Azure to the function app's host name: the base of those download links. */
  WEBSITE_HOSTNAME: optionalString,

  /** Local only: where the local host listens (the Playground posts here). */
  LOCAL_HOST_PORT: z.coerce.number().int().positive().default(7071),
}).refine((c) => !(c.GT_LOCAL_UNAUTHENTICATED_BOT_DANGER && runsInAzure(c)), {
  message: 'is for the local stack only and is refused in Azure (WEBSITE_INSTANCE_ID or WEBSITE_SITE_NAME is set): give the bot its identity (MicrosoftAppId) instead',
  path: ['GT_LOCAL_UNAUTHENTICATED_BOT_DANGER'],
});
export type Config = Readonly<z.infer<typeof ConfigSchema>>;

/** Azure App Service (Functions included) sets these on every instance; nothing local does. */
export function runsInAzure(c: { WEBSITE_INSTANCE_ID?: string; WEBSITE_SITE_NAME?: string }): boolean {
  return Boolean(c.WEBSITE_INSTANCE_ID || c.WEBSITE_SITE_NAME);
}

let cached: Config | undefined;

/** The app's configuration; throws, naming each bad setting, when the environment is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (cached && env === process.env) return cached;
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Golden Thread configuration is invalid: ${problems}`);
  }
  const config = Object.freeze(parsed.data);
  if (env === process.env) cached = config;
  return config;
}

/** For tests that change the environment. */
export const resetConfigCache = (): void => {
  cached = undefined;
};
