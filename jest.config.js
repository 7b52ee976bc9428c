/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // @microsoft/app-manifest requires the ESM-only strip-bom, which Node 20 loads and Jest cannot.
  moduleNameMapper: { '^strip-bom$': '<rootDir>/test/package/strip-bom.ts' },
  // Several suites start servers and SQLite files: two workers match the machine's two cores.
  maxWorkers: 2,
  testTimeout: 30000,
  // src is compiled once for the e2e tests' child processes (test/e2e/app-child.ts).
  globalSetup: '<rootDir>/test/e2e/global-setup.ts',
};
