import { Role } from '@app/auth';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Endpoint × role × unit → expected status. Every new endpoint adds its rows here.
 * 'none' = no token; 'bad' = a token with a wrong signature.
 */
type Caller = Role | 'none' | 'bad';
interface Row {
  method: 'get' | 'post';
  path: string;
  body?: object;
  as: Caller;
  units?: string[];
  expect: number;
}

const unitBody = (id: string) => ({ id, name: `Enhet ${id}`, department: 'Förskola', district: 'Spånga-Tensta' });

const guarantee = (unitId: string) => ({
  unitId,
  year: 2026,
  title: 'Garanti',
  commitments: [{ id: 'svar', text: 'Svar inom fem arbetsdagar' }],
  remedy: 'Vi ringer upp',
  contact: { name: 'Enhetschef' },
});
const breach = { guaranteeId: 'table-unit-2026', commitmentId: 'svar', occurredAt: '2026-02-01T10:00:00Z', description: 'x' };
const caseBody = { type: 'idea', channel: 'web', unitId: 'table-unit', description: 'Fler bänkar i parken.' };

const dashboardPaths = ['/api/dashboard/on-time-by-month?year=2026', '/api/dashboard/commitments?year=2026'];
const auditPaths = [
  '/api/audit/events',
  '/api/audit/streams/unit-table-unit',
  '/api/audit/export',
  '/api/audit/verify',
  '/api/audit/disclosures',
];

const rows: Row[] = [
  { method: 'get', path: '/health/live', as: 'none', expect: 200 },
  { method: 'get', path: '/health/ready', as: 'none', expect: 200 },
  { method: 'get', path: '/metrics', as: 'none', expect: 200 },
  { method: 'get', path: '/api/units', as: 'none', expect: 401 },
  { method: 'get', path: '/api/units', as: 'bad', expect: 401 },
  ...(['intake', 'manager', 'auditor', 'admin'] as const).map((as): Row => ({ method: 'get', path: '/api/units', as, expect: 200 })),
  ...(['intake', 'manager', 'auditor', 'admin'] as const).map(
    (as): Row => ({ method: 'get', path: '/api/units/table-unit', as, expect: 200 }),
  ),
  { method: 'post', path: '/api/units', body: unitBody('by-none'), as: 'none', expect: 401 },
  { method: 'post', path: '/api/units', body: unitBody('by-intake'), as: 'intake', expect: 403 },
  { method: 'post', path: '/api/units', body: unitBody('by-manager'), as: 'manager', expect: 403 },
  { method: 'post', path: '/api/units', body: unitBody('by-auditor'), as: 'auditor', expect: 403 },
  { method: 'post', path: '/api/units', body: unitBody('by-admin'), as: 'admin', expect: 201 },
  { method: 'post', path: '/api/units/table-unit/rename', body: { name: 'X' }, as: 'manager', units: ['table-unit'], expect: 403 },
  { method: 'post', path: '/api/units/table-unit/rename', body: { name: 'Nytt' }, as: 'admin', expect: 200 },
  { method: 'post', path: '/api/units/table-unit/close', body: {}, as: 'auditor', expect: 403 },
  { method: 'post', path: '/api/units/by-admin/close', body: {}, as: 'admin', expect: 200 },
  // guarantees: admin and the unit's managers draft; only admin adopts and withdraws; everyone reads
  { method: 'post', path: '/api/guarantees', body: guarantee('table-unit'), as: 'intake', expect: 403 },
  { method: 'post', path: '/api/guarantees', body: guarantee('table-unit'), as: 'auditor', expect: 403 },
  { method: 'post', path: '/api/guarantees', body: guarantee('table-unit'), as: 'manager', units: ['other-unit'], expect: 403 },
  { method: 'post', path: '/api/guarantees', body: guarantee('table-unit'), as: 'manager', units: ['table-unit'], expect: 201 },
  {
    method: 'post',
    path: '/api/guarantees/table-unit-2026/adopt',
    body: { decidedOn: '2026-01-02', decisionRef: '§ 1' },
    as: 'manager',
    units: ['table-unit'],
    expect: 403,
  },
  {
    method: 'post',
    path: '/api/guarantees/table-unit-2026/revise',
    body: guarantee('table-unit'),
    as: 'manager',
    units: ['other-unit'],
    expect: 403,
  },
  {
    method: 'post',
    path: '/api/guarantees/table-unit-2026/withdraw',
    body: { reason: 'x' },
    as: 'manager',
    units: ['table-unit'],
    expect: 403,
  },
  ...(['intake', 'manager', 'auditor', 'admin'] as const).map((as): Row => ({ method: 'get', path: '/api/guarantees', as, expect: 200 })),
  { method: 'get', path: '/api/guarantees/table-unit-2026', as: 'intake', expect: 200 },
  // breaches: the unit's managers and admin write; auditors read; intake neither
  { method: 'post', path: '/api/breaches', body: breach, as: 'intake', expect: 403 },
  { method: 'post', path: '/api/breaches', body: breach, as: 'auditor', expect: 403 },
  { method: 'get', path: '/api/breaches', as: 'intake', expect: 403 },
  { method: 'get', path: '/api/breaches', as: 'auditor', expect: 200 },
  { method: 'get', path: '/api/breaches', as: 'manager', units: ['table-unit'], expect: 200 },
  { method: 'post', path: '/api/breaches/nope/confirm', body: {}, as: 'intake', expect: 403 },
  { method: 'post', path: '/api/breaches/nope/confirm', body: {}, as: 'admin', expect: 404 },
  // cases: intake registers and reads; the unit's managers handle
  { method: 'post', path: '/api/cases', body: caseBody, as: 'none', expect: 401 },
  { method: 'post', path: '/api/cases', body: caseBody, as: 'auditor', expect: 403 },
  { method: 'post', path: '/api/cases', body: caseBody, as: 'manager', units: ['other-unit'], expect: 403 },
  { method: 'post', path: '/api/cases', body: caseBody, as: 'intake', expect: 201 },
  { method: 'post', path: '/api/cases', body: caseBody, as: 'manager', units: ['table-unit'], expect: 201 },
  ...(['intake', 'manager', 'auditor', 'admin'] as const).map((as): Row => ({ method: 'get', path: '/api/cases', as, expect: 200 })),
  { method: 'get', path: '/api/cases?unitId=table-unit', as: 'manager', units: ['other-unit'], expect: 403 },
  { method: 'post', path: '/api/cases/nope/acknowledge', body: {}, as: 'intake', expect: 403 },
  { method: 'post', path: '/api/cases/nope/acknowledge', body: {}, as: 'auditor', expect: 403 },
  { method: 'post', path: '/api/cases/nope/acknowledge', body: {}, as: 'manager', expect: 404 },
  { method: 'get', path: '/api/cases/nope', as: 'none', expect: 401 },
  { method: 'get', path: '/api/cases/nope', as: 'intake', expect: 404 },
  // erasure: admin only
  ...(['intake', 'manager', 'auditor'] as const).map(
    (as): Row => ({ method: 'post', path: '/api/cases/nope/erase-personal-data', body: { reason: 'Begäran' }, as, expect: 403 }),
  ),
  { method: 'post', path: '/api/cases/nope/erase-personal-data', body: { reason: 'Begäran' }, as: 'admin', expect: 404 },
  // follow-up, the yearly report and the dashboard's figures: managers for their units, admin and auditors for all
  ...['/api/reports/yearly?year=2026', '/api/units/table-unit/follow-up?year=2026', ...dashboardPaths].flatMap((path): Row[] => [
    { method: 'get', path, as: 'none', expect: 401 },
    { method: 'get', path, as: 'intake', expect: 403 },
    { method: 'get', path, as: 'manager', units: ['table-unit'], expect: 200 },
    { method: 'get', path, as: 'auditor', expect: 200 },
    { method: 'get', path, as: 'admin', expect: 200 },
  ]),
  { method: 'get', path: '/api/units/table-unit/follow-up?year=2026', as: 'manager', units: ['other-unit'], expect: 403 },
  { method: 'get', path: '/api/dashboard/commitments?year=2026&unitId=table-unit', as: 'manager', units: ['other-unit'], expect: 403 },
  { method: 'get', path: '/dashboard', as: 'none', expect: 200 },
  // audit: auditors and admin read; only admin records a digest; nobody else sees any of it
  ...auditPaths.flatMap((path): Row[] => [
    { method: 'get', path, as: 'none', expect: 401 },
    { method: 'get', path, as: 'intake', expect: 403 },
    { method: 'get', path, as: 'manager', units: ['*'], expect: 403 },
  ]),
  ...auditPaths.map((path): Row => ({ method: 'get', path, as: 'auditor', expect: 200 })),
  { method: 'get', path: '/api/audit/cases/nope?asOf=2026-01-01T00:00:00Z', as: 'manager', units: ['*'], expect: 403 },
  { method: 'get', path: '/api/audit/cases/nope?asOf=2026-01-01T00:00:00Z', as: 'auditor', expect: 404 },
  { method: 'get', path: '/api/audit/guarantees/table-unit-2026?asOf=2026-01-01T00:00:00Z', as: 'intake', expect: 403 },
  { method: 'get', path: '/api/audit/breaches/nope?asOf=2026-01-01T00:00:00Z', as: 'admin', expect: 404 },
  { method: 'post', path: '/api/audit/digests', body: {}, as: 'auditor', expect: 403 },
  { method: 'post', path: '/api/audit/digests', body: {}, as: 'admin', expect: 201 },
];

describe('role table: endpoint × role × unit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t
      .http()
      .post('/api/units')
      .set(await t.as('admin'))
      .send(unitBody('table-unit'))
      .expect(201);
  });
  afterAll(() => t.close());

  it.each(rows.map((r) => [`${r.method.toUpperCase()} ${r.path} as ${r.as}${r.units ? ` [${r.units}]` : ''} → ${r.expect}`, r] as const))(
    '%s',
    async (_, row) => {
      let req = t.http()[row.method](row.path);
      if (row.as === 'bad') req = req.set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl');
      else if (row.as !== 'none') req = req.set(await t.as(row.as, row.units));
      const res = row.body ? await req.send(row.body) : await req;
      expect(res.status).toBe(row.expect);
      if (res.status >= 400) expect(res.headers['content-type']).toMatch(/problem\+json/);
    },
  );
});
