#!/usr/bin/env node
// Issue 19 (items 4 and 5): core/digests by audience, test doubles in core/testing, demo data in scripts/demo,
// bench helpers in bench/, and code outside core importing only a feature's front door (core/<feature>).
//
// Idempotent: run it as often as you like (after merging a branch that still uses the old paths, say):
//   node scripts/codemods/core-layout.mjs            (rewrites the tree; prints what it changed)
//   node scripts/codemods/core-layout.mjs --check    (changes nothing; exits 1 when something is left to do)
// It moves each file of MOVES that is still at its old path (git mv), then rewrites every relative import
// specifier in the repo's source (import/export ... from, import type, import(), require(), jest.mock and
// jest.requireActual) that points at an old path, renames the test doubles of RENAMES, and mentions of an old
// path in docs. Plain Node, no dependencies: the regexes below only ever touch quoted relative specifiers.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHECK = process.argv.includes('--check');

/** Old path -> new path, repo-relative, every moved file. */
export const MOVES = {
  // Item 5: core/digests by audience; shared measures and text checks beside them; ports, periods and formats at the root.
  'core/digests/weekly.ts': 'core/digests/weekly/weekly.ts',
  'core/digests/weekly-view.ts': 'core/digests/weekly/weekly-view.ts',
  'core/digests/send-weekly.ts': 'core/digests/weekly/send-weekly.ts',
  'core/digests/weekly.test.ts': 'core/digests/weekly/weekly.test.ts',
  'core/digests/send-weekly.test.ts': 'core/digests/weekly/send-weekly.test.ts',
  'core/digests/cicc.ts': 'core/digests/cicc/cicc.ts',
  'core/digests/cicc-view.ts': 'core/digests/cicc/cicc-view.ts',
  'core/digests/cicc-printable.ts': 'core/digests/cicc/cicc-printable.ts',
  'core/digests/cicc-gate.ts': 'core/digests/cicc/cicc-gate.ts',
  'core/digests/send-cicc.ts': 'core/digests/cicc/send-cicc.ts',
  'core/digests/record-audit.ts': 'core/digests/cicc/record-audit.ts',
  'core/digests/cicc.test.ts': 'core/digests/cicc/cicc.test.ts',
  'core/digests/send-cicc.test.ts': 'core/digests/cicc/send-cicc.test.ts',
  'core/digests/cpb.ts': 'core/digests/cpb/cpb.ts',
  'core/digests/cpb-view.ts': 'core/digests/cpb/cpb-view.ts',
  'core/digests/send-cpb.ts': 'core/digests/cpb/send-cpb.ts',
  'core/digests/cpb.test.ts': 'core/digests/cpb/cpb.test.ts',
  'core/digests/senior.ts': 'core/digests/senior/senior.ts',
  'core/digests/senior-view.ts': 'core/digests/senior/senior-view.ts',
  'core/digests/send-senior.ts': 'core/digests/senior/send-senior.ts',
  'core/digests/senior.test.ts': 'core/digests/senior/senior.test.ts',
  'core/digests/annual-report-html.ts': 'core/digests/senior/annual-report-html.ts',
  'core/digests/report-period.ts': 'core/digests/senior/report-period.ts',
  'core/digests/measures.ts': 'core/digests/measures/measures.ts',
  'core/digests/heard.ts': 'core/digests/measures/heard.ts',
  'core/digests/heard-view.ts': 'core/digests/measures/heard-view.ts',
  // Added at merge: the case-file audits' view (weekly and senior) and its test, shared like heard-view.
  'core/digests/audits-view.ts': 'core/digests/measures/audits-view.ts',
  'core/digests/audits-view.test.ts': 'core/digests/measures/audits-view.test.ts',
  'core/digests/heard.test.ts': 'core/digests/measures/heard.test.ts',
  'core/digests/participation.ts': 'core/digests/measures/participation.ts',
  'core/digests/participation-view.ts': 'core/digests/measures/participation-view.ts',
  'core/digests/figures.ts': 'core/digests/measures/figures.ts',
  'core/digests/figures.test.ts': 'core/digests/measures/figures.test.ts',
  'core/digests/attention.ts': 'core/digests/measures/attention.ts',
  'core/digests/examples-once.ts': 'core/digests/measures/examples-once.ts',
  'core/digests/reading-level.ts': 'core/digests/text/reading-level.ts',
  'core/digests/reading-level.test.ts': 'core/digests/text/reading-level.test.ts',
  'core/digests/reading-gate.ts': 'core/digests/text/reading-gate.ts',
  'core/digests/reading-gate.test.ts': 'core/digests/text/reading-gate.test.ts',
  'core/digests/plain-words.ts': 'core/digests/text/plain-words.ts',
  'core/digests/plain-words.test.ts': 'core/digests/text/plain-words.test.ts',
  'core/digests/text-guard.ts': 'core/digests/text/text-guard.ts',
  'core/digests/channel-guard.ts': 'core/digests/text/channel-guard.ts',
  // Item 4: test doubles in core/testing (imported through its index), demo data in scripts/demo, bench code in bench/.
  'core/voice/testing.ts': 'core/testing/voice.ts',
  'core/tracker/fakes.ts': 'core/testing/tracker.ts',
  'core/tracker/test-world.ts': 'core/testing/tracker-world.ts',
  'core/forums/fakes.ts': 'core/testing/forums.ts',
  'core/examples/fakes.ts': 'core/testing/examples.ts',
  'core/digests/in-memory-facts.ts': 'core/testing/digest-facts.ts',
  'core/digests/demo-council.ts': 'scripts/demo/digest-council.ts',
  'core/digests/demo-participation.ts': 'scripts/demo/participation.ts',
  'core/digests/bench.ts': 'bench/digest-reads.ts',
  'core/voice/fixtures.ts': 'core/testing/voice-fixtures.ts',
  'core/forums/test-people.ts': 'core/testing/forum-people.ts',
  // A helper every feature uses, not the voice feature's: beside clock.ts and errors.ts.
  'core/voice/util.ts': 'core/util.ts',
};

/**
 * Names a moved file exports under a new name, because its new folder's index already has one so called
 * (the forums' test people beside the tracker's): `import { officer }` becomes `import { forumOfficer as officer }`.
 */
export const ALIASES = {
  'core/testing/forum-people.ts': { officer: 'forumOfficer', facilitator: 'forumFacilitator', worker: 'forumWorker', admin: 'forumAdmin' },
};

/** Identifiers renamed across the repo (whole words only): one naming scheme for test doubles. */
export const RENAMES = {
  MemoryMeetings: 'InMemoryMeetings',
  MemoryChildren: 'InMemoryChildren',
  MemoryPeople: 'InMemoryPeople',
  MemoryTeams: 'InMemoryTeams',
  MemoryOutbox: 'InMemoryOutbox',
  MemoryAudit: 'InMemoryAudit',
  MemoryVoiceRecords: 'InMemoryVoiceRecords',
  MemoryNudgeState: 'InMemoryNudgeState',
  MemoryDeliveries: 'InMemoryDeliveries',
  MemoryAfterMeeting: 'InMemoryAfterMeeting',
  MemoryCovers: 'InMemoryCovers',
  MemoryChairRecords: 'InMemoryChairRecords',
  MemoryAdminOutbox: 'InMemoryAdminOutbox',
  MemoryStore: 'InMemorySnapshotStore',
};

/** Folders every importer, inside core too, reaches only through their index (their files share one surface). */
export const EVERYWHERE_DOORS = ['testing'];

/**
 * Every folder of core/ with an index.ts has a front door: code outside core importing core/<feature>/<file>
 * is rewritten to core/<feature> (a deep import into a folder without one is reported, not rewritten).
 * The index must export what the rest of the repo uses: `npx tsc` after a run names anything missing.
 */
const FRONT_DOORS = readdirSync(join(ROOT, 'core')).filter((d) => existsSync(join(ROOT, 'core', d, 'index.ts')));

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'coverage', '.azurite', '.local', 'results', 'tools', 'codemods']);
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const DOCS = /\.md$/;
const posixOf = (p) => p.split(sep).join('/');
const rel = (abs) => posixOf(relative(ROOT, abs));

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) walk(abs, out);
    else if (SOURCE.test(name) || DOCS.test(name)) out.push(rel(abs));
  }
  return out;
}

const changes = [];

// 1. Moves: only files still at their old path and not yet at the new one.
const movedNow = new Map(); // new path -> old path
for (const [from, to] of Object.entries(MOVES)) {
  const src = join(ROOT, from);
  const dst = join(ROOT, to);
  if (!existsSync(src)) continue;
  if (existsSync(dst)) {
    console.warn(`both ${from} and ${to} exist: merge them by hand, then re-run`);
    process.exitCode = 1;
    continue;
  }
  changes.push(`move ${from} -> ${to}`);
  if (CHECK) continue;
  mkdirSync(dirname(dst), { recursive: true });
  try {
    execFileSync('git', ['mv', from, to], { cwd: ROOT, stdio: 'ignore' });
  } catch {
    renameSync(src, dst); // not tracked by git (a new file): a plain rename
  }
  movedNow.set(to, from);
}

// 2. Specifiers. A moved file's relative imports are read from where it was.
const oldPaths = new Map(Object.entries(MOVES));
const EXTS = ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '/index.ts', '/index.js', ''];

/** The repo-relative file a relative specifier meant, looking through old paths as well as the disk. */
function target(fromDir, spec) {
  const base = posix.normalize(posix.join(fromDir, spec));
  // What is on disk wins (core/digests/weekly is now a folder with an index); then the old paths.
  for (const ext of EXTS) {
    const candidate = base + ext;
    if (ext !== '' && existsSync(join(ROOT, candidate)) && statSync(join(ROOT, candidate)).isFile()) return { file: candidate, moved: false };
  }
  for (const ext of EXTS) if (oldPaths.has(base + ext)) return { file: oldPaths.get(base + ext), moved: true };
  return undefined;
}

/** core/<feature>/<...> -> core/<feature>/index.ts for features with a front door, from outside core. */
function frontDoor(fromFile, file) {
  const m = /^core\/([^/]+)\/.+$/.exec(file);
  if (!m) return file;
  const inside = fromFile.startsWith(`core/${m[1]}/`);
  const door = EVERYWHERE_DOORS.includes(m[1]) ? !inside : !fromFile.startsWith('core/');
  if (!door) return file;
  if (!FRONT_DOORS.includes(m[1])) {
    console.warn(`${fromFile} imports ${file}: core/${m[1]} has no index.ts to import instead`);
    return file;
  }
  const index = `core/${m[1]}/index.ts`;
  return file === index ? file : index;
}

function specifierFor(fromFile, file, original) {
  let out = posix.relative(posix.dirname(fromFile), file);
  const keepsExt = /\.(m?js|cjs|json)$/.test(original);
  if (!keepsExt) out = out.replace(/\.(ts|tsx|mts|cts)$/, '').replace(/\/index$/, '');
  if (out === 'index') out = '.';
  if (!out.startsWith('.')) out = `./${out}`;
  return out;
}

const SPECIFIER = [
  /(\bfrom\s*)(['"])(\.{1,2}\/[^'"]*|\.{1,2})\2/g,
  /(\bimport\s*\(\s*)(['"])(\.{1,2}\/[^'"]*|\.{1,2})\2/g,
  /(\bimport\s+)(['"])(\.{1,2}\/[^'"]*)\2/g,
  /(\brequire\s*\(\s*)(['"])(\.{1,2}\/[^'"]*|\.{1,2})\2/g,
  /(\bjest\.(?:mock|doMock|unmock|requireActual|requireMock)\s*\(\s*)(['"])(\.{1,2}\/[^'"]*)\2/g,
];

const NAMED_IMPORT = /\bimport(\s+type)?\s*\{([^}]*)\}\s*from\s*(['"])(\.{1,2}\/[^'"]*)\3;?/g;

/** `import { officer } from '<old forum people>'` -> `import { forumOfficer as officer } from ...` (ALIASES). */
function aliasNames(fromDir, text) {
  return text.replace(NAMED_IMPORT, (whole, type, names, quote, spec) => {
    const hit = target(fromDir, spec);
    const aliases = hit && ALIASES[MOVES[hit.file] ?? hit.file];
    if (!aliases || !hit.moved) return whole;
    const next = names.replace(/(^|,)(\s*)(type\s+)?(\w+)(\s+as\s+\w+)?/g, (m, comma, space, t, name, as) =>
      aliases[name] ? `${comma}${space}${t ?? ''}${aliases[name]}${as ?? ` as ${name}`}` : m);
    return `import${type ?? ''} {${next}} from ${quote}${spec}${quote};`;
  });
}

/** Named imports of one module (several files became one front door) merged into the first of them. */
function mergeImports(text) {
  const groups = new Map();
  for (const m of text.matchAll(NAMED_IMPORT)) {
    const key = `${m[1] ? 'type ' : ''}${m[4]}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(m);
  }
  const edits = [];
  for (const ms of groups.values()) {
    if (ms.length < 2) continue;
    const names = [];
    for (const m of ms) for (const n of m[2].split(',').map((x) => x.trim()).filter(Boolean)) if (!names.includes(n)) names.push(n);
    const [first, ...rest] = ms;
    edits.push({ start: first.index, end: first.index + first[0].length, text: `import${first[1] ?? ''} { ${names.join(', ')} } from ${first[3]}${first[4]}${first[3]};` });
    for (const m of rest) edits.push({ start: m.index, end: m.index + m[0].length + (text[m.index + m[0].length] === '\n' ? 1 : 0), text: '' });
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function rewriteSpecifiers(file, text) {
  const fromDir = posix.dirname(movedNow.get(file) ?? file);
  const moved = movedNow.has(file);
  let out = aliasNames(fromDir, text);
  for (const re of SPECIFIER) {
    out = out.replace(re, (whole, lead, quote, spec) => {
      const hit = target(fromDir, spec);
      if (!hit) return whole;
      const goal = frontDoor(file, hit.file);
      if (!hit.moved && !moved && goal === hit.file) return whole;
      const next = specifierFor(file, goal, spec);
      return next === spec ? whole : `${lead}${quote}${next}${quote}`;
    });
  }
  return out;
}

function renameIdentifiers(text) {
  let out = text;
  for (const [from, to] of Object.entries(RENAMES)) out = out.replace(new RegExp(`\\b${from}\\b`, 'g'), to);
  return out;
}

/** `core/digests/figures.ts` in prose and comments -> its new path (only whole paths with their extension). */
function rewriteMentions(text) {
  let out = text;
  for (const [from, to] of oldPaths) {
    const re = new RegExp(`(?<![\\w./-])${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w/-])`, 'g');
    out = out.replace(re, to);
  }
  return out;
}

const files = CHECK ? walk(ROOT).map((f) => f) : walk(ROOT);
for (const file of files) {
  const abs = join(ROOT, file);
  const text = readFileSync(abs, 'utf8');
  let next = DOCS.test(file) ? rewriteMentions(text) : rewriteMentions(renameIdentifiers(rewriteSpecifiers(file, text)));
  if (next === text) continue;
  if (!DOCS.test(file)) next = mergeImports(next);
  changes.push(`rewrite ${file}`);
  if (!CHECK) writeFileSync(abs, next);
}

for (const line of changes) console.log(line);
console.log(changes.length ? `${changes.length} change(s)${CHECK ? ' to make' : ''}` : 'nothing to do: the tree already has the new layout');
if (CHECK && changes.length) process.exitCode = 1;
