// Transpiles the app (not the tests) to dist/, mirroring the tree, and copies JSON beside it.
// One file per module (bundle: false) so Azure's "main" glob and the local host load the same files.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SOURCE_DIRS = ['core', 'cards', 'adapters', 'bot', 'functions', 'scripts'];
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const isTest = (file) => /\.test\.ts$/.test(file) || file.includes(`${join('/', '__fixtures__')}`);

function walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    if (err.code === 'ENOENT') return [];
    throw err;
  }
  return entries.flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Builds into `outdir` (default dist/); returns the number of modules written. */
export async function buildApp({ outdir = join(root, 'dist'), clean = true } = {}) {
  const files = SOURCE_DIRS.flatMap((d) => walk(join(root, d)));
  const entryPoints = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !isTest(f));
  const jsonFiles = files.filter((f) => f.endsWith('.json'));
  if (clean) rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir,
    outbase: root,
    bundle: false,
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    sourcemap: true,
    // import() becomes a lazy require(), as tsc does for CommonJS: extensionless paths then resolve.
    supported: { 'dynamic-import': false },
    logLevel: 'warning',
  });
  for (const file of jsonFiles) {
    const target = join(outdir, relative(root, file));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
  }
  return entryPoints.length;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--outdir');
  const outdir = at > 0 ? resolve(process.argv[at + 1]) : undefined;
  const started = Date.now();
  const count = await buildApp({ outdir });
  console.log(`built ${count} modules to ${relative(process.cwd(), outdir ?? join(root, 'dist')) || '.'} in ${Date.now() - started} ms`);
}
