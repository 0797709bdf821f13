/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }] },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  // static/ imports the contract through this alias (static/tsconfig.json, vite); the front-end
  // unit tests in test/static load those modules under Node.
  moduleNameMapper: { '^@contract/(.*)$': '<rootDir>/src/contract/$1' },
  testTimeout: 30000
};
