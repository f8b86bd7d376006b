// npm run test:resilience: the resilience suite (tests/resilience), on real Azurite, the real adapter and a
// rate-limited Bot Connector stand-in. One file at a time: the load and kill tests measure time on 2 cores.
module.exports = {
  testTimeout: 300_000,
  maxWorkers: 1,
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.local/'],
  setupFiles: ['<rootDir>/tests/support/local-unauthenticated-bot.ts'],
  testMatch: ['<rootDir>/tests/resilience/**/*.test.ts'],
};
