// Builds dist/ with esbuild:
//   dist/app/      the function app exactly as it is deployed (teamsapp.yml zips this folder): main.mjs, its
//                  chunks and source maps, host.json and a package.json whose "main" is main.mjs. Everything
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
// stand-in that loads the real package on first use, so the first reply does not wait for them. The value says
// whether the package marks itself `__esModule` (TypeScript's __importStar asks at load, and must not load).
const LAZY_PACKAGES = {
  'gpt-tokenizer': true,
  openai: true,
  yaml: false,
  '@microsoft/recognizers-text-date-time': true,
  '@microsoft/recognizers-text-number': true,
  '@microsoft/recognizers-text-choice': true,
};
const packageOf = (request) => request.split('/').slice(0, request.startsWith('@') ? 2 : 1).join('/');
const lazyPackages = {
  name: 'lazy-packages',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${Object.keys(LAZY_PACKAGES).join('|')})(/.*)?$`) }, async (args) => {
      const pkg = packageOf(args.path);
      // Within the package itself, requires stay as they are (it is loaded by then).
      if (args.pluginData?.real || args.importer.includes(`/node_modules/${pkg}/`)) return undefined;
      const real = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: { real: true } });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'lazy-package', pluginData: { esModule: LAZY_PACKAGES[pkg] } };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => ({
      loader: 'js',
      resolveDir: root,
      contents: `let real;
const load = () => (real ??= require(${JSON.stringify(args.path)}));
module.exports = new Proxy({}, {
  get: (_, key) => (key === '__esModule' && ${args.pluginData.esModule} ? true : load()[key]),
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => { const d = Reflect.getOwnPropertyDescriptor(load(), key); return d && { ...d, configurable: true }; },
});
`,
    }));
  },
};

// Bundled CommonJS packages call require() for Node's built-ins (and functions-core); ESM has no require, so
// each chunk gets one. Module.prototype.require stays in the path, which is where the worker injects functions-core.
const REQUIRE_BANNER = "import { createRequire as __gtCreateRequire } from 'node:module';\nconst require = __gtCreateRequire(import.meta.url);";

async function buildFunctionApp(outdir) {
  const appDir = join(outdir, 'app');
  const result = await build({
    entryPoints: { main: 'golden-thread:main' },
    outdir: appDir,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    external: EXTERNAL,
    plugins: [appEntryPlugin, lazyPackages],
    banner: { js: REQUIRE_BANNER },
    sourcemap: true,
    // Stack traces need only the mappings; the sources themselves would triple the package.
    sourcesContent: false,
    // Names in stack traces stay readable; the package is small enough without minifying.
    minifyWhitespace: true,
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: root,
  });
  writeFileSync(join(appDir, 'host.json'), readFileSync(join(root, 'host.json')));
  // What the worker reads: "main" and nothing to install (every dependency is in the bundle).
  const deployed = { name: pkg.name, version: pkg.version, private: true, description: pkg.description, main: APP_ENTRY, engines: pkg.engines };
  writeFileSync(join(appDir, 'package.json'), `${JSON.stringify(deployed, null, 2)}\n`);
  return result.metafile;
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
