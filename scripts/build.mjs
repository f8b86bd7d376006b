// Builds dist/ with esbuild:
//   dist/app/      the function app exactly as it is deployed (teamsapp.yml zips this folder): main.mjs, its
//                  chunks and source maps, lazy/ (packages teams-ai requires and the app never uses, loaded only
//                  if used: LAZY_PACKAGES), host.json and a package.json whose "main" is main.mjs. Everything
//                  is bundled, node_modules included, so the package needs no node_modules folder.
//   dist/scripts/  the local tools (the functions host, the demo seed, the Playground configs); not deployed.
//   dist/meta.json what went into which chunk (esbuild's metafile), read by the registration test.
//
// The app is ESM so esbuild can split it (it cannot split CommonJS): main.mjs registers every function and
// statically loads only @azure/functions, zod, luxon and the rules; each handler import()s what it needs, so
// the bot's SDKs (botbuilder, teams-ai) and the storage, identity and Graph SDKs land in chunks loaded on a
// function's first call. Shared code goes into shared chunks, so each module exists once per process.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where Azure's worker and the local host load the app from, relative to the project (package.json "main"). */
export const APP_DIR = 'dist/app';
export const APP_ENTRY = 'main.mjs';
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
if (pkg.main !== `${APP_DIR}/${APP_ENTRY}`) throw new Error(`package.json "main" must be ${APP_DIR}/${APP_ENTRY}, the bundle this script writes (it is ${pkg.main})`);

/**
 * The function files, `functions/<subject>.<trigger>.ts` (README): each registers its functions when loaded.
 * Only these are the app's entry; the modules they share (wiring/, the composition root, ...) load when a handler needs them.
 * tests/integration/registrations.test.ts fails if a file named otherwise registers a function.
 */
export const functionModules = () =>
  readdirSync(join(root, 'functions'))
    .filter((f) => /^[\w-]+\.[a-z]+\.ts$/.test(f) && !/\.(test|d)\.ts$/.test(f))
    .sort();

// The worker provides @azure/functions-core at run time (it is not on npm): the only module left external.
// (Optional add-ons that node-fetch and ws try to require inside a try/catch, encoding, bufferutil and
// utf-8-validate, are not installed, so they stay require() calls that fail and fall back, as without a bundle.)
const EXTERNAL = ['@azure/functions-core'];

/** What the app's chunks and its lazy packages (below) are built with. */
const APP_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  external: EXTERNAL,
  sourcemap: true,
  // Stack traces need only the mappings; the sources themselves would triple the package.
  sourcesContent: false,
  // Names in stack traces stay readable; the package is small enough without minifying.
  minifyWhitespace: true,
  metafile: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

/** Two virtual modules: the entry, and the registrations it imports once source maps are on. */
const appEntryPlugin = {
  name: 'golden-thread-app',
  setup(b) {
    b.onResolve({ filter: /^golden-thread:/ }, (args) => ({ path: args.path, namespace: 'golden-thread' }));
    b.onLoad({ filter: /.*/, namespace: 'golden-thread' }, (args) => {
      if (args.path === 'golden-thread:main') {
        return {
          resolveDir: root,
          loader: 'js',
          // Node maps stack traces only for files loaded after this call, so the entry turns it on and only then
          // imports the app: Application Insights then shows functions/*.ts lines, with no app setting to forget.
          contents: "process.setSourceMapsEnabled(true);\nawait import('golden-thread:functions');\n",
        };
      }
      return { resolveDir: root, loader: 'js', contents: functionModules().map((f) => `import './functions/${f}';`).join('\n') };
    });
  },
};

// teams-ai requires these at load (gpt-tokenizer's model files too) for AI features the app does not configure,
// and botbuilder-dialogs' prompts, which teams-ai imports and the app does not use, build their recognisers at
// load: gpt-tokenizer's byte-pair tables alone were a third of the bot chunk's load. Each is bundled as a
// stand-in that loads the real package on first use, so the first reply does not wait for them. The real
// package is a file of its own, dist/app/lazy/<name>.cjs (bundled with what it requires), not part of the bot's
// chunk: the first reply then neither compiles nor indexes the source map of 6 MB of code it never runs.
// `esModule` says whether the package marks itself `__esModule` (TypeScript's __importStar and __importDefault
// ask at load, and must not load). `constants` names exports whose plain values (strings, numbers) are read at load: the
// stand-in answers those from values read off the real package at build time, and anything else loads it.
// botbuilder-dialogs reads the recognisers-suite's `Culture.English` and co. at load (its prompts' locales),
// and the suite is one 2 MB file that builds every recogniser's regular expressions when it loads.
// The botbuilder packages also require at load packages that only features the app does not use call: axios
// (skills, and teams-ai's OpenAI and attachment clients; it brings form-data and mime-db's table), htmlparser2
// (the speak middleware), fs-extra with graceful-fs (the file transcript store), json-colorizer (teams-ai's
// logging) and jsonschema (teams-ai's response validator). None is touched at load, so each is a stand-in too.
const LAZY_PACKAGES = {
  'gpt-tokenizer': { esModule: true },
  openai: { esModule: true },
  yaml: { esModule: false },
  '@microsoft/recognizers-text-date-time': { esModule: true },
  '@microsoft/recognizers-text-number': { esModule: true },
  '@microsoft/recognizers-text-choice': { esModule: true },
  '@microsoft/recognizers-text-suite': { esModule: true, constants: ['Culture'] },
  axios: { esModule: false },
  htmlparser2: { esModule: true },
  'fs-extra': { esModule: false },
  'json-colorizer': { esModule: false },
  jsonschema: { esModule: false },
  // node-fetch asks for whatwg-url's URL only where Node has none, and its tr46 table (260 KB) is built at load;
  // adaptive-expressions' xpath() is the only user of xpath and xmldom.
  'whatwg-url': { esModule: false },
  xpath: { esModule: false },
  '@xmldom/xmldom': { esModule: false },
};
/** Where the real packages go, beside chunks/ in dist/app (the stand-ins are in chunks/, so they require `../lazy/...`). */
const LAZY_DIR = 'lazy';
const packageOf = (request) => request.split('/').slice(0, request.startsWith('@') ? 2 : 1).join('/');
/** Every own and inherited property of `value` that is a string, number or boolean: what `constants` keeps. */
function plainValues(value) {
  const out = {};
  for (let o = value; o && o !== Function.prototype && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const key of Object.getOwnPropertyNames(o)) {
      const v = o[key];
      if (!(key in out) && ['string', 'number', 'boolean'].includes(typeof v) && !['name', 'length'].includes(key)) out[key] = v;
    }
  }
  return out;
}
const requireHere = createRequire(import.meta.url);
/** The lazy packages' real files this build found (name in lazy/ -> absolute path), built after the app. */
const lazyPackages = (entries) => ({
  name: 'lazy-packages',
  setup(b) {
    // The stand-in's require of the real file: left to run time (the file is written by buildLazyPackages).
    b.onResolve({ filter: new RegExp(`^\\.\\./${LAZY_DIR}/`) }, (args) => ({ path: args.path, external: true }));
    b.onResolve({ filter: new RegExp(`^(${Object.keys(LAZY_PACKAGES).join('|')})(/.*)?$`) }, async (args) => {
      if (args.pluginData?.real) return undefined;
      const real = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: { real: true } });
      if (real.errors.length > 0) return { errors: real.errors };
      const name = relative(join(root, 'node_modules'), real.path).replace(/[^\w.-]+/g, '_').replace(/\.c?js$/, '');
      entries[name] = real.path;
      // Named by the file in lazy/ (not the build machine's path, which would end up in the bundle).
      return { path: name, namespace: 'lazy-package', pluginData: { ...LAZY_PACKAGES[packageOf(args.path)], name, real: real.path } };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => {
      const { esModule, constants = [], name, real } = args.pluginData;
      const known = Object.fromEntries(constants.map((c) => [c, plainValues(requireHere(real)[c])]));
      // Rollup's interop asks `'default' in` a CommonJS package at load (node-fetch of whatwg-url): answered as it would.
      const hasDefault = esModule ? undefined : 'default' in requireHere(real);
      return {
        loader: 'js',
        resolveDir: root,
        contents: `let real;
const load = () => (real ??= require(${JSON.stringify(`../${LAZY_DIR}/${name}.cjs`)}));
const known = ${JSON.stringify(known)};
const constants = Object.fromEntries(Object.entries(known).map(([key, values]) => [key, new Proxy({}, {
  get: (_, k) => (Object.hasOwn(values, k) ? values[k] : load()[key][k]),
  has: (_, k) => k in load()[key],
})]));
module.exports = new Proxy({}, {
  get: (_, key) => (key === '__esModule' && !real ? ${esModule} || undefined : Object.hasOwn(constants, key) && !real ? constants[key] : load()[key]),
  has: (_, key) => (key === 'default' && !real && ${hasDefault !== undefined} ? ${hasDefault} : key in load()),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => { const d = Reflect.getOwnPropertyDescriptor(load(), key); return d && { ...d, configurable: true }; },
});
`,
      };
    });
  },
});

// npm leaves a package at the same version in several folders when it cannot hoist it (zod 3.25.76 under five
// botbuilder packages, uuid 10 under six): bundled, each copy is compiled and run again on the first message.
// A nested copy resolves to the first (by path) of the copies of that name and version: the same code, once.
const nested = /^(.*\/node_modules\/.+\/node_modules\/)((?:@[^/]+\/)?[^/]+)\//;
const copiesOf = new Map();
const versionAt = (dir) => {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  } catch {
    return undefined; // not a package folder: left as it resolved
  }
};
/** Every folder holding package `name`: node_modules/<name> and one level down, node_modules/<pkg>/node_modules/<name>. */
function foldersOf(name) {
  if (copiesOf.has(name)) return copiesOf.get(name);
  const top = join(root, 'node_modules');
  const owners = readdirSync(top).flatMap((d) => (d.startsWith('@') ? readdirSync(join(top, d)).map((e) => `${d}/${e}`) : [d]));
  const dirs = [join(top, name), ...owners.map((o) => join(top, o, 'node_modules', name))].filter((d) => versionAt(d) !== undefined).sort();
  copiesOf.set(name, dirs);
  return dirs;
}
const dedupePackages = {
  name: 'dedupe-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData?.dedupe || !args.importer.includes('/node_modules/')) return undefined;
      const got = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { dedupe: true } });
      const m = got.errors.length === 0 && !got.external ? nested.exec(got.path) : null;
      if (!m) return undefined; // as esbuild resolves it (a missing optional add-on stays a failing require)
      const dir = m[1] + m[2];
      const first = foldersOf(m[2]).find((d) => versionAt(d) === versionAt(dir));
      return first && first !== dir ? { path: first + got.path.slice(dir.length) } : undefined;
    });
  },
};

/** The real lazy packages, each one CommonJS file with what it requires (they are not split: require() is synchronous). */
async function buildLazyPackages(appDir, entries) {
  if (Object.keys(entries).length === 0) return { inputs: {}, outputs: {} };
  const result = await build({
    entryPoints: entries,
    outdir: join(appDir, LAZY_DIR),
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    ...APP_OPTIONS,
  });
  return result.metafile;
}

// Bundled CommonJS packages call require() for Node's built-ins (and functions-core); ESM has no require, so
// each chunk gets one. Module.prototype.require stays in the path, which is where the worker injects functions-core.
const REQUIRE_BANNER = "import { createRequire as __gtCreateRequire } from 'node:module';\nconst require = __gtCreateRequire(import.meta.url);";

async function buildFunctionApp(outdir) {
  const appDir = join(outdir, 'app');
  const lazyEntries = {};
  const result = await build({
    entryPoints: { main: 'golden-thread:main' },
    outdir: appDir,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    format: 'esm',
    plugins: [appEntryPlugin, lazyPackages(lazyEntries), dedupePackages],
    banner: { js: REQUIRE_BANNER },
    ...APP_OPTIONS,
  });
  const lazy = await buildLazyPackages(appDir, lazyEntries);
  writeFileSync(join(appDir, 'host.json'), readFileSync(join(root, 'host.json')));
  // What the worker reads: "main" and nothing to install (every dependency is in the bundle).
  const deployed = { name: pkg.name, version: pkg.version, private: true, description: pkg.description, main: APP_ENTRY, engines: pkg.engines };
  writeFileSync(join(appDir, 'package.json'), `${JSON.stringify(deployed, null, 2)}\n`);
  // One metafile for both builds (the registration test reads what went where).
  return { inputs: { ...lazy.inputs, ...result.metafile.inputs }, outputs: { ...result.metafile.outputs, ...lazy.outputs } };
}

// The tools run here, beside node_modules: bundled per entry with packages left external. A tool that imports
// another (the host imports the loader, both import the shim) requires its file rather than inlining it: one
// instance of the shim for the host and the app's @azure/functions, and `require.main` stays true to each file.
const TOOLS = ['local-host', 'load-functions', 'local-invoke', 'functions-core-shim', 'seed-demo', 'playground-configs', 'demo-council', 'restore-tables'];
const toolsExternal = {
  name: 'tools-external',
  setup(b) {
    const names = new RegExp(`^\\./(${TOOLS.join('|')})$`);
    b.onResolve({ filter: names }, (args) =>
      args.kind === 'entry-point' || !args.importer.startsWith(join(root, 'scripts')) ? undefined : { path: `${args.path}.js`, external: true },
    );
  },
};

async function buildTools(outdir) {
  await build({
    entryPoints: TOOLS.map((t) => join(root, 'scripts', `${t}.ts`)),
    outdir: join(outdir, 'scripts'),
    bundle: true,
    packages: 'external',
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    plugins: [toolsExternal],
    sourcemap: true,
    logLevel: 'warning',
    absWorkingDir: root,
  });
}

/** Builds into `outdir` (default dist/); returns the number of source modules in the app bundle. */
export async function buildApp({ outdir = join(root, 'dist'), clean = true } = {}) {
  if (clean) rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const [meta] = await Promise.all([buildFunctionApp(outdir), buildTools(outdir)]);
  writeFileSync(join(outdir, 'meta.json'), JSON.stringify(meta));
  return Object.keys(meta.inputs).length;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--outdir');
  const outdir = at > 0 ? resolve(process.argv[at + 1]) : undefined;
  const started = Date.now();
  const count = await buildApp({ outdir });
  console.log(`bundled ${count} modules into ${relative(process.cwd(), join(outdir ?? join(root, 'dist'), 'app')) || '.'} in ${Date.now() - started} ms`);
}
