// Zips the Teams app package: `node scripts/package-app.mjs [env]` (env defaults to dev).
// Fills each ${{NAME}} in appPackage/manifest.json from env/.env.<env>, then process.env (which wins),
// and writes appPackage/build/appPackage.<env>.zip with the manifest and both icons.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** KEY=value lines of a Toolkit env file; comments and blank lines skipped, surrounding quotes removed. */
export function readEnvFile(path) {
  if (!existsSync(path)) return {};
  const values = {};
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match && !line.trimStart().startsWith('#')) values[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return values;
}

/**
 * The manifest text with every placeholder filled; throws naming each one that has no value. Only a
 * *_SUFFIX may be empty: an empty BOT_ID means provisioning has not run yet.
 */
export function fillPlaceholders(text, values) {
  const missing = new Set();
  const filled = text.replace(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, name) => {
    if (values[name] === undefined || (values[name] === '' && !name.endsWith('_SUFFIX'))) missing.add(name);
    return values[name] ?? '';
  });
  if (missing.size > 0) throw new Error(`No value for ${[...missing].join(', ')}: set it in env/.env.<env> or the environment, or run provisioning first`);
  return filled;
}

export async function packageApp(envName) {
  const values = { ...readEnvFile(join(root, 'env', `.env.${envName}`)), ...process.env };
  const manifest = fillPlaceholders(readFileSync(join(root, 'appPackage', 'manifest.json'), 'utf8'), values);
  JSON.parse(manifest); // a value that breaks the JSON fails here, not in Teams
  const zip = new JSZip();
  zip.file('manifest.json', manifest);
  for (const icon of ['color.png', 'outline.png']) zip.file(icon, readFileSync(join(root, 'appPackage', icon)));
  const outDir = join(root, 'appPackage', 'build');
  mkdirSync(outDir, { recursive: true });
  const outPath = join(outDir, `appPackage.${envName}.zip`);
  writeFileSync(outPath, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return outPath;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const envName = process.argv[2] ?? 'dev';
  packageApp(envName).then(
    (path) => console.log(`wrote ${path}`),
    (err) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
