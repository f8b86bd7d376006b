// Unit tests sit beside the code; integration and end-to-end tests live in tests/.
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest'] };
// Built copies (dist/, .local/build-*) and the pinned tools (infra/tools/) are never tests, nor modules for Jest's map.
const common = {
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.local/', '<rootDir>/infra/tools/'],
  setupFiles: ['<rootDir>/tests/support/local-unauthenticated-bot.ts'],
};

module.exports = {
  // A shared 2-core machine: generous by default; e2e and Azurite tests set their own.
  testTimeout: 30_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{core,cards,adapters,bot,functions,scripts}/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
    },
  ],
};
