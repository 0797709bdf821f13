/**
 * Browser tests (test/e2e): playwright-core driving Debian's chromium against the local
 * preview. One at a time: each test starts its own preview server and browser.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/test/e2e/**/*.e2e.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  maxWorkers: 1,
  // Two cores run the preview, Chromium and the test: a long story (set-up, restart) needs room.
  testTimeout: 120000
};
