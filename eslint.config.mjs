// The layering of CONVENTIONS.md, made visible: arrows point inward, and each folder says what it may not import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { readFileSync } from 'node:fs';

const sdks = ['botbuilder*', '@microsoft/teams-ai', '@azure/*', '@microsoft/microsoft-graph-client', 'openai'];
// The table names of adapters/tables/names.ts, read as text so the lint config needs no TypeScript.
const TABLE_NAMES = [...readFileSync(new URL('./adapters/tables/names.ts', import.meta.url), 'utf8').matchAll(/^\s+\w+: '([A-Za-z]+)',$/gm)].map((m) => m[1]);
const BARE_TABLE_NAME = {
  selector: `Literal[value=/^(${TABLE_NAMES.join('|')})$/]`,
  message: 'Name tables through TABLES (adapters/tables/names.ts), the one list of them',
};
const NO_DOUBLE_CAST = {
  selector: "TSAsExpression > TSAsExpression.expression[typeAnnotation.type='TSUnknownKeyword']",
  message: 'No `as unknown as` in bot/: parse with zod, or answer a card through bot/card-action.ts',
};
const STORE_ONCE = {
  selector: 'NewExpression[callee.name=/^(Table(?!Outbox)\\w+Store|TableAuditLog|TableMeetingVoiceReader|ImportJobs)$/]',
  message: 'Take the store from buildStores() (adapters/tables/stores.ts), which builds every store once',
};
// Outside core, a feature is reached through its front door (core/<feature>/index.ts), never a file behind it.
const FRONT_DOOR = { group: ['**/core/*/*'], message: 'Import core/<feature> (its index.ts), not a file inside it: see README, Design' };
const restrict = (patterns, { frontDoor = true } = {}) => ({
  'no-restricted-imports': ['error', { patterns: [...patterns.map((group) => ({ group: [group].flat(), message: 'Layering: see CONVENTIONS.md' })), ...(frontDoor ? [FRONT_DOOR] : [])] }],
});


export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.azurite/**', '.local/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', fetch: 'readonly', Buffer: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // core/: the domain. zod, luxon, rrule and nothing from Teams, Functions, Azure or the other folders.
  {
    files: ['core/**/*.ts'],
    rules: {
      ...restrict([sdks, '**/cards/**', '**/adapters/**', '**/bot/**', '**/functions/**', 'adaptivecards-templating'], { frontDoor: false }),
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'core never reads process.env' }],
    },
  },
  // cards/: pure templates, view model in, card out.
  { files: ['cards/**/*.ts'], rules: restrict([sdks, '**/adapters/**', '**/bot/**', '**/functions/**']) },
  // adapters/: implement core ports; they may use storage, identity and Graph SDKs, but not the hosts nor the
  // bot SDKs (docs/sdk-decision.md: a move off botbuilder touches bot/ and the bridge only). The connector's
  // token helper is the one exception, and loads botbuilder lazily.
  { files: ['adapters/**/*.ts'], ignores: ['adapters/outbox/token.ts'], rules: restrict(['**/bot/**', '**/functions/**', 'botbuilder*', '@microsoft/teams-ai']) },
  { files: ['adapters/outbox/token.ts'], rules: restrict(['**/bot/**', '**/functions/**', '@microsoft/teams-ai']) },
  // bot/ and functions/ do not import each other's internals (functions reaches the bot through bot/index, and its
  // SDK-free feature builders through bot/features).
  { files: ['bot/**/*.ts'], rules: restrict(['**/functions/**']) },
  {
    files: ['functions/**/*.ts'],
    rules: restrict([['**/bot/*', '!**/bot/index', '!**/bot/features'], 'botbuilder*', '@microsoft/teams-ai']),
  },
  // scripts/, bench/ and tests/ use core as the hosts do: through each feature's front door.
  { files: ['scripts/**/*.ts', 'bench/**/*.ts', 'tests/**/*.ts'], rules: restrict([]) },
  // Every table's name lives in adapters/tables/names.ts (TABLES); a bare name elsewhere is how lists drift.
  {
    files: ['functions/**/*.ts', 'adapters/**/*.ts', 'bot/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['adapters/tables/names.ts', '**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', BARE_TABLE_NAME] },
  },
  // Every store is built once, by buildStores() (adapters/tables/stores.ts), and handed down from the root.
  {
    files: ['functions/**/*.ts', 'bot/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', BARE_TABLE_NAME, STORE_ONCE],
    },
  },
  // bot/: no `x as unknown as T`. Cards answer through bot/card-action.ts, which needs no cast; a value whose
  // type is unknown is parsed (zod), not asserted. (Repeats the table-name and store rules: a later block replaces them.)
  {
    files: ['bot/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', BARE_TABLE_NAME, STORE_ONCE, NO_DOUBLE_CAST] },
  },
  { files: ['bot/**/*.test.ts'], rules: { 'no-restricted-syntax': ['error', NO_DOUBLE_CAST] } },
);
