/** Three projects: pure unit specs, integration specs against real SQLite, and black-box e2e over HTTP. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const common = {
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@app/([a-z0-9-]+)$': '<rootDir>/libs/$1/src',
    '^@app/([a-z0-9-]+)/(projections|write)$': '<rootDir>/libs/$1/src/$2',
  },
  testEnvironment: 'node',
  rootDir: __dirname,
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test,bench}/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
  testTimeout: 30000,
  // On 2 cores jest runs every suite in one process: a handle that a failed test leaves open must not hold CI until its
  // time limit (it did once). Under CI jest then always prints "Force exiting Jest", leak or not; locally it waits, so a
  // leak shows there (or run with --detectOpenHandles).
  forceExit: process.env.CI === 'true',
};
