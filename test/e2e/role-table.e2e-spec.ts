import { Role } from '@app/auth';
import { rolelessToken } from '@app/testing';
import { guaranteeDraft, startTestApp, TestApp } from '../support/test-app';

/**
 * Endpoint × role × unit → expected status. Every new endpoint adds its rows here.
 * 'none' = no token; 'bad' = a token with a wrong signature; 'noroles' = a valid token with `roles: []` (and units).
 * test/e2e/route-rules.e2e-spec.ts proves the 403 for 'noroles' on every route the app registers.
 */
type Caller = Role | 'none' | 'bad' | 'noroles';
interface Row {
  method: 'get' | 'post' | 'put';
  path: string;
  body?: object;
  as: Caller;
  units?: string[];
  expect: number;
}

const unitBody = (id: string) => ({ id, name: `Enhet ${id}`, department: 'Förskola', district: 'Spånga-Tensta' });

const breach = { guaranteeId: 'table-unit-2026', commitmentId: 'svar', occurredAt: '2026-02-01T10:00:00Z', description: 'x' };
const caseBody = { type: 'idea', channel: 'web', unitId: 'table-unit', description: 'Fler bänkar i parken.' };
const categoryList = {
  categories: [
    { id: 'ovrigt', label: 'Övrigt' },
    { id: 'bemotande', label: 'Bemötande' },
  ],
  mappings: { Allmänt: 'ovrigt' },
};

const dashboardPaths = [
  '/api/dashboard/on-time-by-month?year=2026',
  '/api/dashboard/commitments?year=2026',
  '/api/dashboard/cases?year=2026&figure=received',
];
const auditPaths = [
  '/api/audit/events',
  '/api/audit/streams/unit-table-unit',
  '/api/audit/export',
  '/api/audit/verify',
  '/api/audit/disclosures',
];

/** Lifecycle commands, each with a valid body, so that a refusal can only come from the role or the unit. */
const lifecycle: [string, object][] = [
  ['acknowledge', {}],
  ['assign', { assignee: 'Handläggare' }],
  ['await-complainant', { question: 'Vilken dag?' }],
  ['resume', {}],
  ['respond', { message: 'Svar' }],
  ['delay-notice', { reason: 'Utredning', newRespondBy: '2026-12-30' }],
  ['close', { resolution: 'resolved' }],
  ['reopen', { reason: 'Ny uppgift' }],
  ['merge', { intoCaseId: '{other}' }],
  ['unmerge', {}],
  ['transfer', { toUnitId: 'other-unit', reason: 'Fel enhet' }],
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
  { method: 'post', path: '/api/guarantees', body: guaranteeDraft('table-unit'), as: 'intake', expect: 403 },
  { method: 'post', path: '/api/guarantees', body: guaranteeDraft('table-unit'), as: 'auditor', expect: 403 },
  { method: 'post', path: '/api/guarantees', body: guaranteeDraft('table-unit'), as: 'manager', units: ['other-unit'], expect: 403 },
  { method: 'post', path: '/api/guarantees', body: guaranteeDraft('table-unit'), as: 'manager', units: ['table-unit'], expect: 201 },
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
    body: guaranteeDraft('table-unit'),
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
  // every lifecycle command on a real case of table-unit: intake (but for transfer) and auditors never, other units' managers never
  ...lifecycle.flatMap(([command, body]): Row[] => [
    { method: 'post', path: `/api/cases/{case}/${command}`, body, as: 'none', expect: 401 },
    ...(command === 'transfer' ? [] : [{ method: 'post', path: `/api/cases/{case}/${command}`, body, as: 'intake', expect: 403 } as Row]),
    { method: 'post', path: `/api/cases/{case}/${command}`, body, as: 'auditor', expect: 403 },
    { method: 'post', path: `/api/cases/{case}/${command}`, body, as: 'manager', units: ['other-unit'], expect: 403 },
  ]),
  // and the unit's own manager takes it through its life (rows run in order)
  { method: 'post', path: '/api/cases/{case}/acknowledge', body: {}, as: 'manager', units: ['table-unit'], expect: 200 },
  {
    method: 'post',
    path: '/api/cases/{case}/assign',
    body: { assignee: 'Handläggare' },
    as: 'manager',
    units: ['table-unit'],
    expect: 200,
  },
  { method: 'post', path: '/api/cases/{case}/respond', body: { message: 'Svar' }, as: 'manager', units: ['table-unit'], expect: 200 },
  { method: 'post', path: '/api/cases/{case}/close', body: { resolution: 'resolved' }, as: 'admin', expect: 200 },
  { method: 'get', path: '/api/cases/{case}', as: 'manager', units: ['other-unit'], expect: 403 },
  { method: 'get', path: '/api/cases/{case}', as: 'manager', units: ['table-unit'], expect: 200 },
  { method: 'get', path: '/api/cases/{case}', as: 'auditor', expect: 200 },
  // breach decisions and remedies: the unit's managers and admin
  ...(['reject', 'remedies', 'remedies/r1/complete'] as const).flatMap((path): Row[] => [
    { method: 'post', path: `/api/breaches/nope/${path}`, body: {}, as: 'intake', expect: 403 },
    { method: 'post', path: `/api/breaches/nope/${path}`, body: {}, as: 'auditor', expect: 403 },
  ]),
  { method: 'get', path: '/api/breaches/nope', as: 'intake', expect: 403 },
  { method: 'get', path: '/api/breaches/nope', as: 'auditor', expect: 404 },
  { method: 'get', path: '/api/guarantees/table-unit-2026', as: 'auditor', expect: 200 },
  { method: 'get', path: '/api/guarantees/table-unit-2026', as: 'manager', units: ['other-unit'], expect: 200 },
  // Open311 speaks its own error format and authenticates filing with an API key, not a bearer token
  { method: 'get', path: '/open311/v2/services.json', as: 'none', expect: 200 },
  { method: 'get', path: '/open311/v2/services/nope.json', as: 'none', expect: 404 },
  { method: 'get', path: '/open311/v2/requests.json', as: 'none', expect: 200 },
  { method: 'get', path: '/open311/v2/requests/nope.json', as: 'none', expect: 404 },
  { method: 'post', path: '/open311/v2/requests.json', body: { service_code: 'x' }, as: 'none', expect: 403 },
  { method: 'post', path: '/open311/v2/requests.json', body: { service_code: 'x' }, as: 'admin', expect: 403 },
  { method: 'get', path: '/open311/v2/nope', as: 'none', expect: 404 },
  { method: 'get', path: '/api/docs-json', as: 'none', expect: 200 },
  // the running server's read models: admin only
  ...(['intake', 'manager', 'auditor'] as const).flatMap((as): Row[] => [
    { method: 'get', path: '/api/admin/projections', as, units: ['*'], expect: 403 },
    { method: 'post', path: '/api/admin/projections/units/rebuild', body: {}, as, units: ['*'], expect: 403 },
  ]),
  { method: 'get', path: '/api/admin/projections', as: 'admin', expect: 200 },
  // readiness in detail: admin only (the anonymous /health/ready says status and lag alone)
  ...(['none', 'intake', 'manager', 'auditor'] as const).map(
    (as): Row => ({ method: 'get', path: '/api/admin/health', as, units: ['*'], expect: as === 'none' ? 401 : 403 }),
  ),
  { method: 'get', path: '/api/admin/health', as: 'admin', expect: 200 },
  { method: 'post', path: '/api/admin/projections/nope/rebuild', body: {}, as: 'admin', expect: 404 },
  { method: 'post', path: '/api/admin/projections/units/rebuild', body: {}, as: 'none', expect: 401 },
  { method: 'post', path: '/api/admin/projections/rebuild', body: {}, as: 'manager', units: ['*'], expect: 403 },
  { method: 'post', path: '/api/admin/projections/rebuild', body: {}, as: 'admin', expect: 202 },
  // gallring through the running API: admin only
  ...(['intake', 'manager', 'auditor'] as const).map(
    (as): Row => ({ method: 'post', path: '/api/admin/gallring?dryRun=true', body: {}, as, units: ['*'], expect: 403 }),
  ),
  { method: 'post', path: '/api/admin/gallring?dryRun=true', body: {}, as: 'admin', expect: 200 },
  { method: 'get', path: '/api/cases/nope', as: 'none', expect: 401 },
  { method: 'get', path: '/api/cases/nope', as: 'intake', expect: 404 },
  // erasure: admin only
  ...(['intake', 'manager', 'auditor'] as const).map(
    (as): Row => ({ method: 'post', path: '/api/cases/nope/erase-personal-data', body: { reason: 'Begäran' }, as, expect: 403 }),
  ),
  { method: 'post', path: '/api/cases/nope/erase-personal-data', body: { reason: 'Begäran' }, as: 'admin', expect: 404 },
  // the extract (GDPR art. 15): admin only
  ...(['none', 'intake', 'manager', 'auditor'] as const).map(
    (as): Row => ({ method: 'get', path: '/api/cases/{case}/personal-data', as, expect: as === 'none' ? 401 : 403 }),
  ),
  { method: 'get', path: '/api/cases/{case}/personal-data', as: 'admin', expect: 200 },
  // rectification (GDPR art. 16): the unit's managers and admin
  ...(['intake', 'auditor'] as const).map(
    (as): Row => ({ method: 'post', path: '/api/cases/{case}/rectify-submitter', body: { submitter: { name: 'Ny' } }, as, expect: 403 }),
  ),
  {
    method: 'post',
    path: '/api/cases/{case}/rectify-submitter',
    body: { submitter: { name: 'Ny' } },
    as: 'manager',
    units: ['other-unit'],
    expect: 403,
  },
  {
    method: 'post',
    path: '/api/cases/{case}/rectify-submitter',
    body: { submitter: { name: 'Ny' } },
    as: 'manager',
    units: ['table-unit'],
    expect: 200,
  },
  { method: 'post', path: '/api/cases/{case}/rectify-submitter', body: { submitter: { name: 'Ny' } }, as: 'admin', expect: 200 },
  // follow-up, the yearly report and the dashboard's figures: managers for their units, admin and auditors for all
  ...[
    '/api/reports/yearly?year=2026',
    '/api/units/table-unit/follow-up?year=2026',
    '/api/units/table-unit/follow-up/verksamhetsberattelse?year=2026',
    '/api/reports/verksamhetsberattelse?year=2026',
    ...dashboardPaths,
  ].flatMap((path): Row[] => [
    { method: 'get', path, as: 'none', expect: 401 },
    { method: 'get', path, as: 'intake', expect: 403 },
    { method: 'get', path, as: 'manager', units: ['table-unit'], expect: 200 },
    { method: 'get', path, as: 'auditor', expect: 200 },
    { method: 'get', path, as: 'admin', expect: 200 },
  ]),
  { method: 'get', path: '/api/units/table-unit/follow-up?year=2026', as: 'manager', units: ['other-unit'], expect: 403 },
  {
    method: 'get',
    path: '/api/units/table-unit/follow-up/verksamhetsberattelse?year=2026',
    as: 'manager',
    units: ['other-unit'],
    expect: 403,
  },
  // the category list: every role reads it, only admin sets it
  { method: 'get', path: '/api/categories', as: 'none', expect: 401 },
  ...(['intake', 'manager', 'auditor', 'admin'] as const).map((as): Row => ({ method: 'get', path: '/api/categories', as, expect: 200 })),
  { method: 'get', path: '/api/categories', as: 'noroles', expect: 403 },
  { method: 'put', path: '/api/categories', body: categoryList, as: 'none', expect: 401 },
  ...(['intake', 'manager', 'auditor'] as const).map(
    (as): Row => ({ method: 'put', path: '/api/categories', body: categoryList, as, units: ['*'], expect: 403 }),
  ),
  { method: 'put', path: '/api/categories', body: categoryList, as: 'admin', expect: 200 },
  // the outbox and print queue: admin and auditors all, managers their units'; only admin retries; the unit's managers mark letters printed
  { method: 'get', path: '/api/admin/outbox?status=to_print', as: 'none', expect: 401 },
  { method: 'get', path: '/api/admin/outbox', as: 'intake', units: ['*'], expect: 403 },
  { method: 'get', path: '/api/admin/outbox?status=failed', as: 'auditor', expect: 200 },
  { method: 'get', path: '/api/admin/outbox?status=to_print', as: 'manager', units: ['table-unit'], expect: 200 },
  { method: 'get', path: '/api/admin/outbox?unitId=table-unit', as: 'manager', units: ['other-unit'], expect: 403 },
  { method: 'get', path: '/api/admin/outbox?status=failed', as: 'admin', expect: 200 },
  { method: 'post', path: '/api/admin/outbox/nope/retry', body: {}, as: 'none', expect: 401 },
  ...(['intake', 'manager', 'auditor'] as const).map(
    (as): Row => ({ method: 'post', path: '/api/admin/outbox/nope/retry', body: {}, as, units: ['*'], expect: 403 }),
  ),
  { method: 'post', path: '/api/admin/outbox/nope/retry', body: {}, as: 'admin', expect: 404 },
  { method: 'post', path: '/api/cases/{case}/messages/nope/printed', body: {}, as: 'none', expect: 401 },
  ...(['intake', 'auditor'] as const).map(
    (as): Row => ({ method: 'post', path: '/api/cases/{case}/messages/nope/printed', body: {}, as, expect: 403 }),
  ),
  { method: 'post', path: '/api/cases/{case}/messages/nope/printed', body: {}, as: 'manager', units: ['other-unit'], expect: 403 },
  { method: 'post', path: '/api/cases/{case}/messages/nope/printed', body: {}, as: 'manager', units: ['table-unit'], expect: 404 },
  { method: 'post', path: '/api/cases/{case}/messages/nope/printed', body: {}, as: 'admin', expect: 404 },
  // a unit's contact details: admin only
  { method: 'post', path: '/api/units/table-unit/contact', body: { email: 'enhet@kommun.example' }, as: 'none', expect: 401 },
  ...(['intake', 'manager', 'auditor'] as const).map(
    (as): Row => ({
      method: 'post',
      path: '/api/units/table-unit/contact',
      body: { email: 'enhet@kommun.example' },
      as,
      units: ['*'],
      expect: 403,
    }),
  ),
  { method: 'post', path: '/api/units/table-unit/contact', body: { email: 'enhet@kommun.example' }, as: 'admin', expect: 200 },
  // one message of a case: read as the case is read; resent by the unit's managers and admin
  { method: 'get', path: '/api/cases/{case}/messages/nope', as: 'none', expect: 401 },
  { method: 'get', path: '/api/cases/{case}/messages/nope', as: 'noroles', units: ['*'], expect: 403 },
  { method: 'get', path: '/api/cases/{case}/messages/nope', as: 'manager', units: ['other-unit'], expect: 403 },
  ...(['intake', 'auditor', 'admin'] as const).map(
    (as): Row => ({ method: 'get', path: '/api/cases/{case}/messages/nope', as, expect: 404 }),
  ),
  { method: 'get', path: '/api/cases/{case}/messages/nope', as: 'manager', units: ['table-unit'], expect: 404 },
  { method: 'post', path: '/api/cases/{case}/messages/nope/resend', body: {}, as: 'none', expect: 401 },
  ...(['intake', 'auditor'] as const).map(
    (as): Row => ({ method: 'post', path: '/api/cases/{case}/messages/nope/resend', body: {}, as, expect: 403 }),
  ),
  { method: 'post', path: '/api/cases/{case}/messages/nope/resend', body: {}, as: 'manager', units: ['other-unit'], expect: 403 },
  { method: 'post', path: '/api/cases/{case}/messages/nope/resend', body: {}, as: 'manager', units: ['table-unit'], expect: 404 },
  { method: 'post', path: '/api/cases/{case}/messages/nope/resend', body: {}, as: 'admin', expect: 404 },
  // re-categorising a case: the unit's managers and admin
  { method: 'post', path: '/api/cases/{case}/recategorise', body: { category: 'ovrigt' }, as: 'none', expect: 401 },
  ...(['intake', 'auditor'] as const).map(
    (as): Row => ({ method: 'post', path: '/api/cases/{case}/recategorise', body: { category: 'ovrigt' }, as, expect: 403 }),
  ),
  {
    method: 'post',
    path: '/api/cases/{case}/recategorise',
    body: { category: 'ovrigt' },
    as: 'manager',
    units: ['other-unit'],
    expect: 403,
  },
  {
    method: 'post',
    path: '/api/cases/{case}/recategorise',
    body: { category: 'ovrigt' },
    as: 'manager',
    units: ['table-unit'],
    expect: 200,
  },
  { method: 'post', path: '/api/cases/{case}/recategorise', body: { category: 'bemotande' }, as: 'admin', expect: 200 },
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
  { method: 'get', path: '/api/audit/digests/latest', as: 'manager', units: ['*'], expect: 403 },
  { method: 'get', path: '/api/audit/digests/latest', as: 'auditor', expect: 200 },
  // the year's reference series (void numbers): auditors and admin
  { method: 'get', path: '/api/audit/references?year=2026', as: 'none', expect: 401 },
  { method: 'get', path: '/api/audit/references?year=2026', as: 'intake', expect: 403 },
  { method: 'get', path: '/api/audit/references?year=2026', as: 'manager', units: ['*'], expect: 403 },
  { method: 'get', path: '/api/audit/references?year=2026', as: 'auditor', expect: 200 },
  // a valid token without roles reads nothing, whatever units it names: denied by default; public routes stay open
  ...['/api/cases', '/api/cases/{case}', '/api/units', '/api/units/table-unit', '/api/guarantees', '/api/breaches'].flatMap(
    (path): Row[] => [
      { method: 'get', path, as: 'noroles', units: ['*'], expect: 403 },
      { method: 'get', path, as: 'noroles', units: ['table-unit'], expect: 403 },
    ],
  ),
  { method: 'get', path: '/api/cases?unitId=table-unit', as: 'noroles', units: ['table-unit'], expect: 403 },
  { method: 'post', path: '/api/cases', body: caseBody, as: 'noroles', units: ['table-unit'], expect: 403 },
  { method: 'post', path: '/api/cases/{case}/acknowledge', body: {}, as: 'noroles', units: ['table-unit'], expect: 403 },
  { method: 'get', path: '/api/reports/yearly?year=2026', as: 'noroles', expect: 403 },
  { method: 'get', path: '/api/audit/events', as: 'noroles', expect: 403 },
  { method: 'get', path: '/api/admin/projections', as: 'noroles', expect: 403 },
  ...['/health/live', '/dashboard', '/open311/v2/services.json', '/api/docs-json'].map(
    (path): Row => ({ method: 'get', path, as: 'noroles', expect: 200 }),
  ),
  { method: 'get', path: '/api/docs', as: 'none', expect: 200 },
];

describe('role table: endpoint × role × unit', () => {
  let t: TestApp;
  let caseId: string;
  let otherCaseId: string;
  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.as('admin');
    for (const id of ['table-unit', 'other-unit']) await t.http().post('/api/units').set(admin).send(unitBody(id)).expect(201);
    caseId = (await t.http().post('/api/cases').set(admin).send(caseBody).expect(201)).body.id;
    otherCaseId = (await t.http().post('/api/cases').set(admin).send(caseBody).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it.each(rows.map((r) => [`${r.method.toUpperCase()} ${r.path} as ${r.as}${r.units ? ` [${r.units}]` : ''} → ${r.expect}`, r] as const))(
    '%s',
    async (_, row) => {
      let req = t.http()[row.method](row.path.replace('{case}', caseId));
      const body = row.body && JSON.parse(JSON.stringify(row.body).replace('{other}', otherCaseId));
      if (row.as === 'bad') req = req.set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl');
      else if (row.as === 'noroles') req = req.set('Authorization', `Bearer ${await rolelessToken(row.units)}`);
      else if (row.as !== 'none') req = req.set(await t.as(row.as, row.units));
      const res = body ? await req.send(body) : await req;
      expect(res.status).toBe(row.expect);
      if (res.status >= 400 && !row.path.startsWith('/open311/')) expect(res.headers['content-type']).toMatch(/problem\+json/);
    },
  );

  it('has a row for every operation in the OpenAPI document', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const matches = (template: string, path: string) => {
      const [a, b] = [template.split('/'), path.split('?')[0].split('/')];
      return a.length === b.length && a.every((seg, i) => seg === b[i] || /^\{.+\}$/.test(seg) || /^\{.+\}\.json$/.test(seg));
    };
    // a catch-all route (@All) stands for every method: any row for its path covers it
    const catchAll = (ops: Record<string, unknown>) => ['get', 'post', 'put', 'delete', 'patch'].every((m) => m in ops);
    const missing = Object.entries(doc.paths).flatMap(([template, ops]) =>
      Object.keys(ops)
        .filter((method) => !rows.some((r) => (catchAll(ops) || r.method === method) && matches(template, r.path)))
        .map((method) => `${method.toUpperCase()} ${template}`),
    );
    expect(missing).toEqual([]);
  });
});
