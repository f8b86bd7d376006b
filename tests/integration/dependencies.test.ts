// Every runtime dependency is there because code imports it, or because an install or load step needs it
// (README, "The two commands"): one nothing needs is noticed instead of shipped.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

/** Needed though nothing imports them: the reason is in the README. */
const KEPT: Record<string, string> = {
  openai: "@microsoft/teams-ai's peer dependency, which it requires at load even with no AI configured",
  rimraf: "botbuilder-dialogs' postinstall runs `npx rimraf`, which must find it installed",
};

// The code: every TypeScript and JavaScript file outside node_modules, the build output and the pinned tools.
const SKIP = new Set(['node_modules', 'dist', '.local', '.git', join('infra', 'tools')]);
const walk = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return SKIP.has(path) || SKIP.has(e.name) ? [] : walk(path);
    return /\.(ts|mjs|cjs|js)$/.test(e.name) ? [readFileSync(join(root, path), 'utf8')] : [];
  });
const sources = walk('');

const importers = (name: string): number => {
  const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const pattern = new RegExp(`(from|require\\(|import\\()\\s*['"]${escaped}(/[^'"]*)?['"]`);
  return sources.filter((text) => pattern.test(text)).length;
};

it('every dependency is imported by the code, or named with the install or load step that needs it', () => {
  const unneeded = Object.keys(pkg.dependencies).filter((name) => importers(name) === 0 && !KEPT[name]);
  expect(unneeded).toEqual([]);
});

it('a dependency kept for an install or load step is still a dependency, and the README says why', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  for (const name of Object.keys(KEPT)) {
    expect({ name, listed: name in pkg.dependencies, imported: importers(name) > 0 }).toEqual({ name, listed: true, imported: false });
    expect(readme).toContain(`\`${name}\``);
  }
});
