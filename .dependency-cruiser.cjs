/** Architecture rules, checked in `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'no-deep-lib-imports',
      severity: 'error',
      comment:
        'A library uses another library only through its index.ts (@app/<lib>), or its projections.ts (@app/<lib>/projections), never its deep paths.',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/.+', pathNot: ['^libs/$1/', '^libs/[^/]+/src/(index|projections)\\.ts$'] },
    },
    {
      name: 'no-deep-lib-imports-from-apps',
      severity: 'error',
      comment:
        'Apps, tests and benchmarks use libraries only through their index.ts (@app/<lib>), or the projections alone (@app/<lib>/projections: what a rebuild thread loads).',
      from: { path: '^(apps|test|bench)/' },
      to: { path: '^libs/[^/]+/src/.+', pathNot: ['^libs/[^/]+/src/(index|projections)\\.ts$'] },
    },
    {
      name: 'domain-is-framework-free',
      severity: 'error',
      comment: 'Deciders and events are pure: no NestJS, class-validator or class-transformer.',
      from: { path: '\\.(decider|events)\\.ts$' },
      to: { path: 'node_modules/(@nestjs|class-validator|class-transformer)/' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular-libs',
      severity: 'error',
      from: { path: '^libs/' },
      to: { circular: true, pathNot: '^libs/[^/]+/src/(?!index)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|test/architecture/fixture/|\\.spec\\.ts$|\\.int-spec\\.ts$|\\.e2e-spec\\.ts$)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default'] },
  },
};
