import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { parseConnectionString } from '@eventstore/db-client/dist/Client/parseConnectionString';
import { loadConfig } from '@app/platform';

const dockerDir = join(__dirname, '../../docker');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string | number>;
  ports?: string[];
  volumes?: string[];
  networks?: Record<string, { ipv4_address?: string }> | string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  command?: string[] | string;
  user?: string;
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, { ipam?: { config: { subnet: string }[] } }>;
}

/** What `docker compose` does before parsing: `${VAR:-default}` → default, `$$` → `$`. */
function interpolate(text: string): string {
  return text.replace(/\$\$|\$\{([A-Z0-9_]+)(:-([^}]*))?\}/g, (match, name: string, _d, fallback: string | undefined) => {
    if (match === '$$') return '$';
    if (fallback === undefined) throw new Error(`\${${name}} has no default: the file would not start without an .env`);
    return fallback;
  });
}

const loadCompose = (file: string) => load(interpolate(readFileSync(join(dockerDir, file), 'utf8'))) as Compose;
const env = (s: Service) => Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, String(v)]));
const healthTest = (s: Service) => (s.healthcheck?.test ?? []).join(' ');
const mountAt = (s: Service, target: string) => (s.volumes ?? []).find((v) => v.split(':')[1] === target)?.split(':')[0];
const rawText = (file: string) => readFileSync(join(dockerDir, file), 'utf8');
/** A full version tag (x.y.z), never a moving one such as `latest` or `25.1`. */
const PINNED = /:\d+\.\d+\.\d+(-[\w.]+)?$/;

describe('docker-compose.kurrentdb.yml (single development node)', () => {
  const compose = loadCompose('docker-compose.kurrentdb.yml');
  const node = compose.services.kurrentdb;

  it('runs one insecure KurrentDB node on port 2113, its image pinned to a full version', () => {
    expect(node.image).toMatch(/kurrentdb:/);
    expect(node.image).toMatch(PINNED);
    expect(env(node)).toMatchObject({ KURRENTDB_CLUSTER_SIZE: '1', KURRENTDB_INSECURE: 'true' });
    expect(node.ports).toContain('2113:2113');
  });

  it('uses only KurrentDB setting names and accepts the contract suite’s 1 MiB payloads', () => {
    expect(Object.keys(env(node)).every((k) => k.startsWith('KURRENTDB_'))).toBe(true);
    expect(Number(env(node).KURRENTDB_MAX_APPEND_SIZE)).toBeGreaterThanOrEqual(2 * 1024 * 1024);
  });

  it('keeps its data in a named volume and reports health over plain HTTP', () => {
    expect(compose.volumes).toHaveProperty(mountAt(node, '/var/lib/kurrentdb')!);
    expect(healthTest(node)).toContain('http://localhost:2113/health/live');
  });
});

describe('docker-compose.cluster.yml (secure three-node cluster + app)', () => {
  const compose = loadCompose('docker-compose.cluster.yml');
  const nodeNames = ['node1', 'node2', 'node3'];
  const nodes = nodeNames.map((n) => compose.services[n]);
  const ipOf = (s: Service) => (s.networks as Record<string, { ipv4_address?: string }>).kurrentdb.ipv4_address!;
  const byIp = new Map(nodeNames.map((n, i) => [ipOf(nodes[i]), n]));
  const certsVolume = mountAt(compose.services.certs, '/certs')!;

  it('has the certificate service, three nodes and the app', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'app2', 'certs', 'db-users', 'node1', 'node2', 'node3', 'postgres']);
    expect(compose.services.certs.image).toMatch(/^eventstore\/es-gencert-cli:/);
  });

  it('pins every image to a full version', () => {
    for (const [name, service] of Object.entries(compose.services))
      if (service.image && !name.startsWith('app'))
        expect(service.image).toMatch(name === 'postgres' ? /^postgres:\d+\.\d+-bookworm$/ : PINNED);
  });

  it('requires the admin password: no default such as changeit', () => {
    const text = rawText('docker-compose.cluster.yml');
    expect(text).not.toMatch(/changeit/);
    expect(text).toMatch(/KURRENTDB_DEFAULT_ADMIN_PASSWORD: \$\{KURRENTDB_ADMIN_PASSWORD:\?[^}]+\}/);
    for (const node of nodes) expect(env(node).KURRENTDB_DEFAULT_ADMIN_PASSWORD).toMatch(/^\$\{KURRENTDB_ADMIN_PASSWORD:\?/);
  });

  it('mounts only the CA certificate into the app, never the volume with the nodes’ private keys', () => {
    const app = compose.services.app;
    expect((app.volumes ?? []).some((v) => v.startsWith(`${certsVolume}:`))).toBe(false);
    const caVolume = mountAt(app, '/etc/synpunkt/ca')!;
    expect(caVolume).toBeDefined();
    expect(compose.services.certs.volumes).toContain(`${caVolume}:/ca`);
    const script = ([] as string[]).concat(compose.services.certs.command ?? []).join('\n');
    expect(script).toContain('cp ca/ca.crt /ca/ca.crt');
    expect(script).not.toMatch(/\/ca\/[^ ]*\.key|node\.key[^\n]*\/ca/);
  });

  it('connects the app as its own user, who may append and read but not delete streams or set their metadata', () => {
    const users = compose.services['db-users'];
    const script = ([] as string[]).concat(users.command ?? []).join('\n');
    const json = (marker: string) => JSON.parse(/-d '(\{[^']+\})'/.exec(script.slice(script.indexOf(marker)))![1]);
    const acl = json('update-default-acl').$userStreamAcl;
    expect(acl.$r).toContain('synpunkt');
    expect(acl.$w).toContain('synpunkt');
    for (const forbidden of ['$d', '$mw']) expect([].concat(acl[forbidden])).toEqual(['$admins']);
    expect(JSON.parse(JSON.stringify(json('%24%24%24all'))).$acl.$r).toContain('synpunkt');
    expect(users.depends_on).toMatchObject({ node1: { condition: 'service_healthy' } });
    expect(compose.services.app.depends_on?.['db-users'].condition).toBe('service_completed_successfully');
    expect(env(users).APP_PASSWORD).toMatch(/^\$\{SYNPUNKT_DB_PASSWORD:\?/);
  });

  it('generates a CA and one certificate per node naming its host and address', () => {
    const script = ([] as string[]).concat(compose.services.certs.command ?? []).join('\n');
    expect(script).toContain('create-ca');
    expect(script).toContain('create-node');
    expect(script).toContain('-dns-names localhost,node$n');
    expect(script).toContain('-ip-addresses 127.0.0.1,172.30.240.1$n');
    expect(script).toMatch(/for n in 1 2 3/);
    for (const [i, node] of nodes.entries()) expect(ipOf(node)).toBe(`172.30.240.1${i + 1}`);
  });

  it('runs every node secure, sized for three, inside the declared subnet', () => {
    const subnet = compose.networks?.kurrentdb.ipam?.config[0].subnet;
    expect(subnet).toBe('172.30.240.0/24');
    for (const node of nodes) {
      expect(env(node).KURRENTDB_CLUSTER_SIZE).toBe('3');
      expect(env(node).KURRENTDB_INSECURE).toBeUndefined();
      expect(ipOf(node).startsWith('172.30.240.')).toBe(true);
      expect(Object.keys(env(node)).every((k) => k.startsWith('KURRENTDB_'))).toBe(true);
    }
  });

  it('points each node’s gossip seeds at exactly the two others', () => {
    nodeNames.forEach((name, i) => {
      const seeds = env(nodes[i]).KURRENTDB_GOSSIP_SEED.split(',');
      expect(seeds.every((s) => s.endsWith(':2113'))).toBe(true);
      const seeded = seeds.map((s) => byIp.get(s.split(':')[0])).sort();
      expect(seeded).toEqual(nodeNames.filter((n) => n !== name));
      expect(env(nodes[i]).KURRENTDB_REPLICATION_IP).toBe(ipOf(nodes[i]));
    });
  });

  it('mounts the generated certificates and gives each node its own', () => {
    nodeNames.forEach((name, i) => {
      const node = nodes[i];
      expect(mountAt(node, '/etc/kurrentdb/certs')).toBe(certsVolume);
      expect(env(node).KURRENTDB_CERTIFICATE_FILE).toBe(`/etc/kurrentdb/certs/${name}/node.crt`);
      expect(env(node).KURRENTDB_CERTIFICATE_PRIVATE_KEY_FILE).toBe(`/etc/kurrentdb/certs/${name}/node.key`);
      expect(env(node).KURRENTDB_TRUSTED_ROOT_CERTIFICATES_PATH).toBe('/etc/kurrentdb/certs/ca');
      expect(env(node).KURRENTDB_ADVERTISE_HOST_TO_CLIENT_AS).toBe(name);
      expect(node.depends_on?.certs.condition).toBe('service_completed_successfully');
      expect(mountAt(node, '/var/lib/kurrentdb')).toBe(`${name}-data`);
    });
    expect(new Set(nodes.map((n) => mountAt(n, '/var/lib/kurrentdb'))).size).toBe(3);
  });

  it('checks node health over verified TLS', () => {
    for (const node of nodes) {
      expect(healthTest(node)).toContain('https://localhost:2113/health/live');
      expect(healthTest(node)).toContain('--cacert /etc/kurrentdb/certs/ca/ca.crt');
    }
  });

  it('gives the app a connection string naming all three nodes over TLS with the mounted CA, credentials URL-encoded', () => {
    const app = compose.services.app;
    const e = env(app);
    expect(e.EVENTSTORE_USERNAME).toBe('synpunkt');
    expect(e.EVENTSTORE_PASSWORD).toMatch(/^\$\{SYNPUNKT_DB_PASSWORD:\?.+\}$/);
    // What the app makes of it, with a password that needs encoding:
    const config = loadConfig({
      ...e,
      NODE_ENV: 'development',
      AUTH_JWKS_URL: '',
      AUTH_ISSUER: '',
      AUTH_AUDIENCE: '',
      EVENTSTORE_PASSWORD: 'p@ss:w/rd%',
    });
    const options = parseConnectionString(config.eventStoreConnectionString!);
    expect(options.hosts.map((h) => `${h.address}:${h.port}`).sort()).toEqual(['node1:2113', 'node2:2113', 'node3:2113']);
    expect(options.tls).toBe(true);
    expect(options.defaultCredentials).toEqual({ username: 'synpunkt', password: 'p@ss:w/rd%' });
    expect(options.tlsCAFile).toBe(`/etc/synpunkt/ca/ca.crt`);
    expect(mountAt(app, '/etc/synpunkt/ca')).toBeDefined();
  });

  it('starts the app after healthy nodes, with its read models on /data and a health check', () => {
    const app = compose.services.app;
    for (const n of nodeNames) expect(compose.services['db-users'].depends_on?.[n].condition).toBe('service_healthy');
    expect(env(app).DATA_DIR).toBe('/data');
    expect(mountAt(app, '/data')).toBeDefined();
    expect(healthTest(app)).toContain('/health/ready');
    expect(app.networks).toContain('kurrentdb');
    expect(existsSync(join(dockerDir, app.build!.context, app.build!.dockerfile))).toBe(true);
  });

  it('runs the app in production mode only against a required identity provider, never the development secret', () => {
    const e = env(compose.services.app);
    expect(e.NODE_ENV).toBe('production');
    for (const name of ['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE']) expect(e[name]).toMatch(new RegExp(`^\\$\\{${name}:\\?.+\\}$`));
    expect(e.AUTH_DEV_SECRET).toBeUndefined();
  });
});

describe('docker-compose.cluster.yml: two API instances sharing PostgreSQL', () => {
  const compose = loadCompose('docker-compose.cluster.yml');
  const [app, app2, postgres] = [compose.services.app, compose.services.app2, compose.services.postgres];

  it('gives both instances the same log, the same PostgreSQL for keys and idempotency records, and their own read models', () => {
    const { DATA_DIR, ...shared } = env(app);
    expect(env(app2)).toEqual({ DATA_DIR, ...shared });
    const config = loadConfig({ ...env(app), NODE_ENV: 'development', AUTH_JWKS_URL: '', AUTH_ISSUER: '', AUTH_AUDIENCE: '' });
    expect(config.keyStoreUrl).toBe('postgres://synpunkt@postgres:5432/synpunkt');
    expect(config.idempotencyStoreUrl).toBe(config.keyStoreUrl);
    expect(mountAt(app, '/data')).toBe('app-data');
    expect(mountAt(app2, '/data')).toBe('app2-data');
    expect(app2.ports).toEqual(['3001:3000']);
  });

  it('requires the PostgreSQL password, passed as PGPASSWORD rather than in the URL, and starts the apps after a healthy database', () => {
    expect(env(postgres).POSTGRES_PASSWORD).toMatch(/^\$\{SYNPUNKT_PG_PASSWORD:\?.+\}$/);
    for (const a of [app, app2]) {
      expect(env(a).PGPASSWORD).toBe(env(postgres).POSTGRES_PASSWORD);
      expect(new URL(env(a).POSTGRES_URL).password).toBe('');
      expect(a.depends_on?.postgres.condition).toBe('service_healthy');
      expect(healthTest(a)).toContain('/health/ready');
    }
    expect(healthTest(postgres)).toContain('pg_isready');
    expect(compose.volumes).toHaveProperty(mountAt(postgres, '/var/lib/postgresql/data')!);
  });
});

describe('Dockerfile', () => {
  const text = readFileSync(join(dockerDir, 'Dockerfile'), 'utf8');
  const instructions = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('builds in one node:20-bookworm-slim stage and runs in another', () => {
    const froms = instructions.filter((l) => l.startsWith('FROM '));
    expect(froms).toHaveLength(2);
    for (const f of froms) expect(f).toMatch(/^FROM node:20-bookworm-slim\b/);
    expect(instructions.some((l) => /^RUN .*npm ci\b/.test(l))).toBe(true);
    expect(instructions.some((l) => /^RUN .*npm run build\b/.test(l))).toBe(true);
    expect(instructions.some((l) => l.startsWith('COPY --from=build') && l.includes('/app/dist'))).toBe(true);
  });

  it('runs the built API as a non-root user with /data as a volume on port 3000', () => {
    const user = instructions.filter((l) => l.startsWith('USER ')).pop();
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)\b/);
    expect(text).toMatch(/DATA_DIR=\/data/);
    expect(instructions).toContain('VOLUME ["/data"]');
    expect(instructions).toContain('EXPOSE 3000');
    expect(instructions.pop()).toBe('CMD ["node", "dist/apps/api/src/main.js"]');
    expect(existsSync(join(dockerDir, '../apps/api/src/main.ts'))).toBe(true);
  });

  it('runs the primary under tini from Debian, so SIGTERM reaches it and its workers drain', () => {
    const runtime = instructions.slice(instructions.findIndex((l) => l.startsWith('FROM ') && / AS runtime$/.test(l)));
    expect(runtime.some((l) => /^RUN apt-get update .*apt-get install -y --no-install-recommends tini\b/.test(l))).toBe(true);
    expect(instructions).toContain('ENTRYPOINT ["/usr/bin/tini", "--"]');
    expect(text.indexOf('ENTRYPOINT ["/usr/bin/tini", "--"]')).toBeLessThan(text.indexOf('CMD ["node", "dist/apps/api/src/main.js"]'));
  });
});
