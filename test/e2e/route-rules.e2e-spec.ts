import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { IS_PUBLIC, Role, ROLES_KEY } from '@app/auth';
import { rolelessToken } from '@app/testing';
import { startTestApp, TestApp } from '../support/test-app';

interface Route {
  method: string;
  path: string;
  name: string;
  isPublic: boolean;
  roles: Role[];
}

const join = (...parts: (string | string[] | undefined)[]) =>
  `/${parts
    .map((p) => (Array.isArray(p) ? p[0] : p) ?? '')
    .join('/')
    .split('/')
    .filter(Boolean)
    .join('/')}`;

/**
 * Every controller route the running app registered, read from Nest's own module graph (not a hand-kept list),
 * with the access rule the guard will see: @Public() or @Roles on the handler, else on the controller.
 */
function registeredRoutes(t: TestApp): Route[] {
  const reflector = t.app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: Route[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as new (...args: unknown[]) => object;
      const prototype = controller.prototype as Record<string, (...args: unknown[]) => unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (path === undefined) continue; // a helper method, not a route
        const targets = [handler, controller];
        routes.push({
          method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod],
          path: join(Reflect.getMetadata(PATH_METADATA, controller), path),
          name: `${controller.name}.${name}`,
          isPublic: !!reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets),
          roles: reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [],
        });
      }
    }
  }
  return routes;
}

/** Routes Express holds: Nest's controllers and whatever else was mounted on the adapter (Swagger). */
function expressRoutes(t: TestApp): string[] {
  const router = t.app.getHttpAdapter().getInstance().router as { stack: { route?: { path: string; methods: object } }[] };
  return router.stack.flatMap((layer) =>
    layer.route ? Object.keys(layer.route.methods).map((m) => `${m === '_all' ? 'ALL' : m.toUpperCase()} ${layer.route!.path}`) : [],
  );
}

/** A concrete URL for a route template: every parameter and wildcard filled with a placeholder. */
const concrete = (path: string) => path.replace(/:[^/]+/g, 'x').replace(/\*[^/]*/g, 'x');

describe('every route has an access rule (deny by default)', () => {
  let t: TestApp;
  let routes: Route[];
  beforeAll(async () => {
    t = await startTestApp();
    routes = registeredRoutes(t);
  });
  afterAll(() => t.close());

  it('finds the routes the app registered', () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(routes).toContainEqual(expect.objectContaining({ method: 'GET', path: '/api/cases/:id' }));
    expect(routes).toContainEqual(expect.objectContaining({ method: 'GET', path: '/health/live', isPublic: true }));
  });

  it('gives every controller route either @Public() or a non-empty @Roles', () => {
    const unruled = routes.filter((r) => !r.isPublic && !r.roles.length).map((r) => `${r.method} ${r.path} (${r.name})`);
    expect(unruled).toEqual([]);
  });

  it('serves no route outside the controllers, and so outside the guard, but the Swagger docs', () => {
    const fromControllers = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const others = expressRoutes(t).filter((r) => !fromControllers.has(r) && !fromControllers.has(r.replace(/^\S+/, 'ALL')));
    expect(others.length).toBeGreaterThan(0);
    expect(others.filter((r) => !/^GET \/api\/docs(-json|-yaml|\/|$)/.test(r))).toEqual([]);
  });

  it('keeps public exactly the routes meant to be', () => {
    const open = routes.filter((r) => r.isPublic).map((r) => `${r.method} ${r.path}`);
    expect(open.sort()).toEqual(
      [
        'GET /health/live',
        'GET /health/ready',
        'GET /metrics',
        'GET /dashboard',
        'GET /dashboard/app.js',
        'GET /open311/v2/services.json',
        'GET /open311/v2/services/:file',
        'GET /open311/v2/requests.json',
        'GET /open311/v2/requests/:file',
        'POST /open311/v2/requests.json',
        'ALL /open311/v2/*path',
      ].sort(),
    );
  });

  it('answers 403 on every non-public route to a valid token without roles', async () => {
    const auth = { Authorization: `Bearer ${await rolelessToken(['*'])}` };
    const answered: string[] = [];
    for (const r of routes.filter((route) => !route.isPublic)) {
      const method = (r.method === 'ALL' ? 'get' : r.method.toLowerCase()) as 'get' | 'post' | 'put' | 'delete' | 'patch';
      const res = await t
        .http()
        [method](concrete(r.path))
        .set(auth)
        .send(method === 'get' ? undefined : {});
      answered.push(`${r.method} ${r.path} → ${res.status} ${res.body.detail}`);
    }
    // the guard's own refusal, not a later check's: nothing past the guard ran for this token
    expect(answered.filter((a) => !a.includes('→ 403 the token carries no role'))).toEqual([]);
  });
});
