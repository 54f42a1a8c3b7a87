/** Architecture rules, checked in `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'no-deep-lib-imports',
      severity: 'error',
      comment:
        'A library uses another library only through its index.ts (@app/<lib>), its projections.ts (@app/<lib>/projections) or its write.ts (@app/<lib>/write, command handlers only), never its deep paths.',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/.+', pathNot: ['^libs/$1/', '^libs/[^/]+/src/(index|projections|write)\\.ts$'] },
    },
    {
      name: 'no-deep-lib-imports-from-apps',
      severity: 'error',
      comment:
        'Apps, tests and benchmarks use libraries only through their index.ts (@app/<lib>), or the projections alone (@app/<lib>/projections: what a rebuild thread loads).',
      from: { path: '^(apps|test|bench)/' },
      to: { path: '^libs/[^/]+/src/.+', pathNot: ['^libs/[^/]+/src/(index|projections|write)\\.ts$'] },
    },
    {
      name: 'domain-is-framework-free',
      severity: 'error',
      comment:
        'Commands, deciders, events and models are plain data and pure rules: no NestJS, Express, class-validator or class-transformer, and no HTTP types (controllers, request DTOs).',
      from: { path: '\\.(command|decider|events|model)\\.ts$' },
      to: {
        path: ['node_modules/(@nestjs|express|class-validator|class-transformer)/', '\\.(http\\.controller|request\\.dto)\\.ts$'],
      },
    },
    {
      name: 'controllers-only-send',
      severity: 'error',
      comment:
        'A controller builds a command or a query and sends it on a bus: it imports no decider, no event store and nothing of the write path (handleCommand, CommandRunner: @app/core/write, @app/platform/write).',
      from: { path: '\\.http\\.controller\\.ts$' },
      to: {
        path: [
          '\\.decider\\.ts$',
          '^libs/event-store/',
          '^libs/(core|platform)/src/write\\.ts$',
          '^libs/core/src/handle-command\\.ts$',
          '^libs/platform/src/http/command-runner\\.ts$',
        ],
      },
    },
    {
      name: 'queries-only-read',
      severity: 'error',
      comment: 'A query handler reads: nothing of the write path (handleCommand, CommandRunner).',
      from: { path: '\\.query\\.ts$' },
      to: { path: ['^libs/(core|platform)/src/write\\.ts$', '^libs/core/src/handle-command\\.ts$', '^libs/platform/src/http/command-runner\\.ts$'] },
    },
    {
      name: 'no-module-exports-its-decider',
      severity: 'error',
      comment: 'A module exports queries and event types, never its decider for other modules to fold.',
      from: { path: '^libs/[^/]+/src/index\\.ts$' },
      // Its state and command types may be named (export type); the decider itself may not be exported.
      to: { path: '\\.decider\\.ts$', dependencyTypesNot: ['type-only'] },
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
