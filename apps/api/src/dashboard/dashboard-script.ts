import * as categories from './dashboard-categories';
import * as charts from './dashboard-charts';
import * as drill from './dashboard-drill';
import { DRILL_GLUE } from './dashboard-drill-glue';
import * as render from './dashboard-render';

/*
 * The page's script: the chart and render functions (the same source the unit tests exercise, as compiled) and the
 * browser glue below, which signs in with the bearer token and calls the JSON API. No build step, no bundle.
 */
const GLUE = String.raw`
const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'synpunkt.dashboard.token';
let view = null; // what the page shows: the drill-down asks for the same scope and year

function say(text, isError) {
  $('status').textContent = text;
  $('status').className = isError ? 'status error' : 'status';
}

async function api(path, tries = 3) {
  const res = await fetch(path, { headers: { Authorization: 'Bearer ' + sessionStorage.getItem(TOKEN_KEY), Accept: 'application/json' } });
  // 503 with Retry-After: busy replays, or a read model rebuilt after an upgrade; wait as asked (at most 10 s) and ask again
  const retryAfter = Number(res.headers.get('Retry-After'));
  if (res.status === 503 && retryAfter > 0 && tries > 1) {
    // spread out: a page's requests, refused together, should not all come back at the same instant
    await new Promise((r) => setTimeout(r, Math.min(retryAfter, 10) * 1000 * (1 + Math.random() / 2)));
    return api(path, tries - 1);
  }
  if (!res.ok) {
    let detail = '';
    try { const p = await res.json(); detail = p.detail || p.title || ''; } catch (e) { /* no problem body */ }
    const err = new Error(detail);
    err.status = res.status;
    throw err;
  }
  return res.json();
}

function signedIn(yes) {
  $('login').hidden = yes;
  $('signed-in').hidden = !yes;
  $('filters').hidden = !yes || !$('scope').options.length;
}

function explain(err) {
  if (err.status === 401) return 'Inloggningen gick inte: token saknas, har gått ut eller är ogiltig (401).';
  if (err.status === 403) return 'Din token ger inte behörighet till uppföljningen (403). Den kräver rollen manager, admin eller auditor. ' + (err.message || '');
  if (err.status) return 'Något gick fel (' + err.status + '): ' + (err.message || '');
  return 'Kunde inte nå servern.';
}

function fillScope(units) {
  const select = $('scope');
  const previous = select.value;
  const departments = [...new Set(units.map((u) => u.department))].sort((a, b) => a.localeCompare(b, 'sv'));
  const options = ['<option value="">Alla mina enheter (' + units.length + ')</option>'];
  if (departments.length > 1) {
    options.push('<optgroup label="Avdelningar">' + departments.map((d) => '<option value="d:' + esc(d) + '">' + esc(d) + '</option>').join('') + '</optgroup>');
  }
  options.push('<optgroup label="Enheter">' + units.map((u) => '<option value="u:' + esc(u.unitId) + '">' + esc(u.unitName) + '</option>').join('') + '</optgroup>');
  select.innerHTML = options.join('');
  if ([...select.options].some((o) => o.value === previous)) select.value = previous;
  $('filters').hidden = false;
}

/** The year before's figures for the scope from a report-wide previousYear: a whole report, or the totals only. */
function previousOf(prev, sel) {
  if (!prev) return undefined;
  if (!prev.totals) return sel ? undefined : prev;
  if (sel.startsWith('u:')) return (prev.units || []).find((u) => u.unitId === sel.slice(2));
  if (sel.startsWith('d:')) return (prev.departments || []).find((x) => x.department === sel.slice(2));
  return prev.totals;
}

function sumPages(pages) {
  return { total: pages.reduce((n, p) => n + p.total, 0), cases: pages.flatMap((p) => p.cases) };
}

async function load() {
  const year = Number($('year').value);
  say('Hämtar uppgifter …');
  try {
    const report = await api('/api/reports/yearly?year=' + year + '&compare=true');
    fillScope(report.units);
    const sel = $('scope').value;
    let units = report.units;
    let totals = report.totals;
    let scope = units.length === 1 ? units[0].unitName : 'alla dina enheter';
    let query = '';
    if (sel.startsWith('u:')) {
      units = report.units.filter((u) => u.unitId === sel.slice(2));
      totals = units[0];
      scope = units[0].unitName;
      query = '&unitId=' + encodeURIComponent(sel.slice(2));
    } else if (sel.startsWith('d:')) {
      const dep = sel.slice(2);
      units = report.units.filter((u) => u.department === dep);
      totals = report.departments.find((x) => x.department === dep);
      scope = 'avdelningen ' + dep;
      query = '&department=' + encodeURIComponent(dep);
    }
    const previous = totals.previousYear || previousOf(report.previousYear, sel);
    const caseQueries = sel ? units.map((u) => '&unitId=' + encodeURIComponent(u.unitId)) : [''];
    const count = (filter) => Promise.all(caseQueries.map((q) => api('/api/cases?' + filter + '&pageSize=1' + q))).then(sumPages);
    const [open, overdue, delayNotice, sixMonths, monthly, commitments, undelivered] = await Promise.all([
      count('status=open'),
      Promise.all(caseQueries.map((q) => api('/api/cases?status=open&overdue=true&pageSize=500' + q))).then(sumPages),
      count('needsDelayNotice=true'),
      count('openOverSixMonths=true'),
      api('/api/dashboard/on-time-by-month?year=' + year + query),
      api('/api/dashboard/commitments?year=' + year + query),
      // the outbox is the units' as it stands now, whatever the year; a reader without it gets no tile
      Promise.all(caseQueries.map((q) => api('/api/admin/outbox?status=failed&pageSize=1' + q)))
        .then((pages) => pages.reduce((n, p) => n + p.total, 0))
        .catch(() => undefined),
    ]);
    const guaranteeIds = [...new Set(commitments.commitments.map((r) => r.guaranteeId))];
    const guarantees = await Promise.all(guaranteeIds.map((id) => api('/api/guarantees/' + encodeURIComponent(id)).catch(() => null)));
    const texts = {};
    for (const g of guarantees.filter(Boolean)) for (const v of g.commitments) texts[g.id + '/' + v.id] = v.text;
    const unitNames = Object.fromEntries(report.units.map((u) => [u.unitId, u.unitName]));
    const categoryLabels = Object.fromEntries((report.categories || []).map((x) => [x.id, x.label]));
    view = { year, scope, query, caseQueries, unitNames, texts, categoryLabels, many: units.length > 1 };
    opener = null;
    $('content').innerHTML = renderDashboard(
      {
        year,
        asOf: monthly.asOf,
        scope,
        open: open.total,
        overdue: overdue.total,
        overdueCases: overdue.cases,
        needsDelayNotice: delayNotice.total,
        openOverSixMonths: sixMonths.total,
        totals,
        previous,
        categoryLabels,
        units,
        unitNames,
        months: monthly.months,
        commitments: commitments.commitments.map((r) => ({ ...r, text: texts[r.guaranteeId + '/' + r.commitmentId] || r.commitmentId })),
        undelivered,
      },
      kit,
    );
    say('');
    document.body.dataset.state = 'loaded';
  } catch (err) {
    $('content').innerHTML = '';
    if (err.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      signedIn(false);
    }
    say(explain(err), true);
    document.body.dataset.state = 'error';
  }
}

$('login').addEventListener('submit', (e) => {
  e.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
  $('token').value = '';
  signedIn(true);
  load();
});
$('logout').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  view = null;
  $('scope').innerHTML = '';
  signedIn(false);
  $('content').innerHTML = '';
  say('Utloggad.');
});
$('year').addEventListener('change', load);
$('scope').addEventListener('change', load);
if (sessionStorage.getItem(TOKEN_KEY)) {
  signedIn(true);
  load();
}
`;

const shipped = () => [charts, categories, drill, render].flatMap((m) => Object.values(m)).filter((v) => typeof v === 'function');

/** The source of every chart and render function, as declarations. */
export function dashboardFunctionsSource(): string {
  return shipped().map(String).join('\n\n');
}

/** The kit the render functions take (see ChartKit), as a JavaScript object literal of those declarations. */
export function dashboardKitSource(): string {
  return `{ ${shipped()
    .map((f) => f.name)
    .join(', ')} }`;
}

let cached: string | undefined;

/** The script served at /dashboard/app.js. */
export function dashboardScript(): string {
  cached ??= `(function () {\n'use strict';\n${dashboardFunctionsSource()}\nconst kit = ${dashboardKitSource()};\n${GLUE}\n${DRILL_GLUE}\n})();\n`;
  return cached;
}
