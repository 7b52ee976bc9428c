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
};
