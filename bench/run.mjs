// Runs a TypeScript entry point on Node: bundles it (our code only; packages stay external) into .local/
// and runs it (--expose-gc: the county starts each row from a collected heap, so its peak memory is the row's). Usage: node bench/run.mjs [bench/run.ts] [args...]
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = resolve(process.argv[2] ?? join(root, 'bench/run.ts'));
const outdir = join(root, '.local', 'bench');
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, `${basename(entry, '.ts')}-${process.pid}.js`);
buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node22', packages: 'external', outfile, sourcemap: 'inline', logLevel: 'warning' });
// The bundle lives in .local/bench: tell it where the project is (tests/support uses __dirname).
const run = spawnSync(process.execPath, ['--enable-source-maps', '--expose-gc', outfile, ...process.argv.slice(3)], { stdio: 'inherit', cwd: root, env: { ...process.env, GT_ROOT: root } });
rmSync(outfile, { force: true });
process.exit(run.status ?? 1);
