// The project's own Bicep compiler: the version pinned in infra/tools/bicep.csproj, restored from NuGet by
// `dotnet restore` into .local/tools/bicep (git-ignored). Nothing else is downloaded.
//   node scripts/bicep.mjs restore   restore it if missing, print the binary's path
//   node scripts/bicep.mjs check [outDir]  compile infra/ (into .local/infra/) with the linter; any warning fails
//   node scripts/bicep.mjs -- <args> run the pinned bicep with any arguments
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const toolsProject = join(root, 'infra', 'tools', 'bicep.csproj');
const packagesDir = join(root, '.local', 'tools', 'bicep');
const PACKAGE = 'Azure.Bicep.CommandLine.linux-x64';

/** The compiler version, from its one pin (infra/tools/bicep.csproj). */
export function bicepVersion() {
  const match = /<BicepVersion>([^<]+)<\/BicepVersion>/.exec(readFileSync(toolsProject, 'utf8'));
  if (!match) throw new Error(`${relative(root, toolsProject)} has no <BicepVersion>`);
  return match[1].trim();
}

const binaryPath = () => join(packagesDir, PACKAGE.toLowerCase(), bicepVersion(), 'tools', 'bicep');

/** The pinned bicep binary, restored from NuGet first if this clone does not have it yet. */
export function restoreBicep() {
  const binary = binaryPath();
  if (!existsSync(binary)) {
    const env = { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1', DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1' };
    const run = spawnSync('dotnet', ['restore', toolsProject, '--nologo'], { env, encoding: 'utf8' });
    if (run.error) throw new Error(`cannot run dotnet to restore the Bicep compiler: ${run.error.message}`);
    if (run.status !== 0 || !existsSync(binary)) {
      throw new Error(`dotnet restore did not bring ${PACKAGE} ${bicepVersion()}:\n${run.stdout}${run.stderr}`);
    }
  }
  chmodSync(binary, 0o755); // NuGet keeps the package's modes; make sure it runs
  return binary;
}

const bicepFiles = (dir, ext) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() && e.name !== 'tools' ? bicepFiles(join(dir, e.name), ext) : e.name.endsWith(ext) ? [join(dir, e.name)] : [],
  );

/**
 * Compiles infra/main.bicep (its modules with it) and every .bicepparam into .local/infra/, linting as it
 * goes (rules and allow-list: infra/bicepconfig.json). Returns the templates written and every finding:
 * each diagnostic the compiler printed at warning or error level, as `file(line,col) : Level code: text`.
 */
export function compileInfra(outDir = join(root, '.local', 'infra')) {
  outDir = resolve(outDir);
  const bicep = restoreBicep();
  mkdirSync(outDir, { recursive: true });
  const infra = join(root, 'infra');
  const jobs = [
    { source: join(infra, 'main.bicep'), args: (src, out) => ['build', src, '--outfile', out], out: join(outDir, 'main.json') },
    ...bicepFiles(infra, '.bicepparam').map((src) => ({
      source: src,
      args: (s, out) => ['build-params', s, '--outfile', out],
      out: join(outDir, basename(src, '.bicepparam') + '.parameters.json'),
    })),
  ];
  const findings = [];
  for (const job of jobs) {
    const run = spawnSync(bicep, job.args(job.source, job.out), { encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
    const lines = `${run.stdout}\n${run.stderr}`.split('\n').map((l) => l.trim()).filter(Boolean);
    findings.push(...lines.filter((l) => / : (Warning|Error) /.test(l)).map((l) => l.replace(`${root}/`, '')));
    if (run.status !== 0 && !lines.some((l) => / : Error /.test(l))) findings.push(`${relative(root, job.source)}: bicep exited ${run.status}: ${lines.join(' ')}`);
  }
  return { templates: Object.fromEntries(jobs.map((j) => [relative(root, j.source), j.out])), findings };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, ...rest] = process.argv.slice(2);
  try {
    if (command === 'restore') console.log(restoreBicep());
    else if (command === 'check') {
      const started = Date.now();
      const { templates, findings } = compileInfra(rest[0]);
      for (const f of findings) console.error(f);
      if (findings.length > 0) process.exit(1);
      console.log(`bicep ${bicepVersion()}: ${Object.keys(templates).join(', ')} compiled with no linter finding (${Date.now() - started} ms)`);
    } else if (command === '--') execFileSync(restoreBicep(), rest, { stdio: 'inherit' });
    else {
      console.error('usage: node scripts/bicep.mjs restore | check | -- <bicep arguments>');
      process.exit(2);
    }
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
