#!/usr/bin/env node
// Writes the policy table (core/roles/policy.ts) into docs/roles.md: `npm run docs:roles` after changing a rule.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = await build({ entryPoints: [join(root, 'core/roles/table.ts')], bundle: true, platform: 'node', format: 'cjs', write: false });
const mod = { exports: {} };
new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, createRequire(import.meta.url));
const path = join(root, 'docs/roles.md');
const before = readFileSync(path, 'utf8');
const after = mod.exports.withRolesTable(before);
writeFileSync(path, after);
console.log(after === before ? 'docs/roles.md already matches the policy.' : 'docs/roles.md: table rewritten from core/roles/policy.ts.');
