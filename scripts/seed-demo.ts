// Seeds the demo council through the app's own import API (the same contract a council uses),
// unless the People table already has someone in it.
import { TableClient } from '@azure/data-tables';
import { buildStores, TABLES } from '../adapters/tables';
import { demoCouncil, type DemoCouncil, demoId } from './demo-council';
import { demoHistory } from './demo-history';
import { demoActivities, demoExits, demoSurveys } from './demo/participation';
import { TableOutboxStore } from '../adapters/tables/outbox-store';
import { askExitConversations } from '../core/exits';
import { exitConversationCard } from '../cards/exits-cards';
import { demoCaseAudits } from '../core/audits';
import { englandAndWales } from '../core/calendar';

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
  const history = await seedHistory(options, council);
  log(`[seed] its last ten weeks: ${Object.entries(history).map(([k, n]) => `${n} ${k}`).join(', ')}`);
  return { seeded: true, counts: { ...counts, ...history } };
}

/**
 * The recent past that the import API does not carry (what workers and officers record in Teams), written
 * through the app's own stores so every digest has numbers: past meetings with voice records, examples,
 * "You said, we did" items, the CICC and board forums, the CICC's last audit, and the demo channels.
 */
async function seedHistory(options: SeedOptions, council: DemoCouncil): Promise<Record<string, number>> {
  const tables = { connectionString: options.connectionString, prefix: options.tablePrefix ?? '' };
  const h = demoHistory(council, options.now);
  const stores = buildStores(tables);
  await stores.meetings.upsertMany(h.meetings);
  const { voice, after, nudges } = stores.voiceTables;
  for (const r of h.voice) await voice.save(r);
  for (const r of h.after) await after.save(r);
  await nudges.record(h.escalations);
  // Examples, items and forums are created once: a reseed leaves what is there (and any edits made to it).
  const { examples, trackerItems: items, forums, promiseAudits: audits, channelMappings: mappings } = stores;
  for (const e of h.examples) if (!(await examples.get(e.id))) await examples.create(e);
  for (const t of h.tracker) if (!(await items.get(t.id))) await items.create(t);
  const existing = new Set((await forums.list()).map((f) => f.id));
  for (const f of h.forums) if (!existing.has(f.id)) await forums.save(f);
  for (const a of h.audits) await audits.save(a);
  for (const m of h.mappings) await mappings.save(m);
  // A survey pair and a few group activities, imported and logged by the demo participation officer.
  const surveys = demoSurveys(options.now ?? new Date(), demoId(201));
  for (const s of surveys) await stores.surveys.save(s);
  const activities = demoActivities(options.now ?? new Date(), demoId(201));
  for (const a of activities) await stores.activities.save(a);
  // Last month's and this month's case-file audits, created once (a reseed leaves grades given since).
  const caseAudits = demoCaseAudits({ children: council.children, teams: council.teams, people: council.people, now: options.now ?? new Date(), calendar: englandAndWales });
  for (const a of caseAudits) await stores.caseAudits.create(a);
  // Exit conversations: the last two months' endings, most answered; one two days ago asked of its worker by card.
  const exits = stores.voiceTables.exits;
  const clock = { now: () => options.now ?? new Date() };
  const ended = demoExits(clock.now(), council.children);
  for (const e of ended.answered) if (!(await exits.get(e))) await exits.save(e);
  const asked = await askExitConversations({ exits, outbox: new TableOutboxStore(tables, clock), audit: stores.audit, clock, card: exitConversationCard }, ended.ask);
  return {
    'exit conversations': ended.answered.length + asked,
    'past meetings': h.meetings.length, 'voice records': h.voice.length, escalations: h.escalations.length, examples: h.examples.length,
    '"you said" items': h.tracker.length, forums: h.forums.length, 'CICC audit answers': h.audits.length, 'channel mappings': h.mappings.length, surveys: surveys.length, 'group activities': activities.length,
    'case-file audits': caseAudits.length,
  };
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
