// Every store is built once, by buildStores() (adapters/tables/stores.ts); a lint rule refuses a store built
// anywhere else in functions/, bot/ or scripts/. This checks the rule catches one (so it can fail).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
// ESLint's config is ESM, which Jest cannot import: the CLI lints the text as if it were the file.
const messagesFor = async (code: string, file: string): Promise<string[]> => {
  const run = spawnSync(process.execPath, [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--stdin', '--stdin-filename', file, '--format', 'json'], { cwd: root, input: code, encoding: 'utf8' });
  return (JSON.parse(run.stdout) as { messages: { message: string }[] }[])[0]!.messages.map((m) => m.message);
};

const code = [
  "import { TableExampleStore } from '../adapters/tables/example-store';",
  "import { TableOutboxStore } from '../adapters/tables/outbox-store';",
  'export const examples = new TableExampleStore(undefined as never);',
  // The outbox's store is the outbox's own (createOutbox in adapters/outbox), not one of buildStores'.
  'export const outbox = new TableOutboxStore(undefined as never, undefined as never);',
].join('\n');

it('a store built outside buildStores is refused, in the wiring and the scripts', async () => {
  expect(await messagesFor(code, 'functions/wiring/probe.ts')).toEqual([expect.stringContaining('buildStores()')]);
  expect(await messagesFor(code, 'scripts/probe.ts')).toEqual([expect.stringContaining('buildStores()')]);
});

it("the stores' own folder builds them", async () => {
  expect(await messagesFor(code, 'adapters/tables/probe.ts')).toEqual([]);
});
