// Seeds the demo council through the app's own import API (the same contract a council uses),
// unless the People table already has someone in it.
import { TableClient } from '@azure/data-tables';
import { TABLES } from '../adapters/tables';
import { demoCouncil } from './demo-council';

export interface SeedOptions {
  /** The functions host, e.g. http://127.0.0.1:7071. */
  baseUrl: string;
  connectionString: string;
  tablePrefix?: string;
  /** Seed even when people exist (imports are idempotent upserts: this refreshes the meeting dates). */
  force?: boolean;
  now?: Date;
  log?: (line: string) => void;
}

export type SeedResult = { seeded: false } | { seeded: true; counts: Record<string, number> };

async function hasPeople(connectionString: string, prefix: string): Promise<boolean> {
  const client = TableClient.fromConnectionString(connectionString, `${prefix}${TABLES.people}`, {
    allowInsecureConnection: /http:\/\/|UseDevelopmentStorage/.test(connectionString),
  });
  try {
    for await (const page of client.listEntities().byPage({ maxPageSize: 1 })) return page.length > 0;
    return false;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return false; // no table yet: a fresh store
    throw err;
  }
}

export async function seedDemo(options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (!options.force && (await hasPeople(options.connectionString, options.tablePrefix ?? ''))) {
    log('[seed] people already present: demo data left as it is (npm start -- --reseed refreshes it)');
    return { seeded: false };
  }
  const council = demoCouncil(options.now);
  const counts: Record<string, number> = {};
  for (const kind of ['teams', 'people', 'children', 'meetings'] as const) {
    const res = await fetch(`${options.baseUrl}/api/import/${kind}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(council[kind]),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`seeding ${kind} failed: ${res.status} ${text.slice(0, 2000)}`);
    counts[kind] = council[kind].length;
  }
  log(`[seed] demo council imported: ${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')}`);
  return { seeded: true, counts };
}

// `node dist/scripts/seed-demo.js [--force]` against a running host (npm run seed).
if (require.main === module) {
  seedDemo({
    baseUrl: process.env.LOCAL_HOST_URL ?? 'http://127.0.0.1:7071',
    connectionString: process.env.STORAGE_CONNECTION ?? 'UseDevelopmentStorage=true',
    tablePrefix: process.env.TABLE_PREFIX ?? '',
    force: process.argv.includes('--force'),
  }).catch((err: Error) => {
    console.error(`[seed] ${err.message}`);
    process.exit(1);
  });
}
