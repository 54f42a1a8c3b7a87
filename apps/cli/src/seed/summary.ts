import { UNITS } from './district';
import { SeedSummary } from './seeder';

const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');

/** What was made, and what to do next. */
export function formatSummary(s: SeedSummary): string {
  const r = s.report;
  const m = s.messages;
  const cases = Object.values(r.casesByType).reduce((a, b) => a + b, 0);
  const undecided = r.breaches.reported - r.breaches.confirmed - r.breaches.rejected;
  const example = UNITS[5].id;
  return [
    `Demo district seeded: year ${s.year}, events up to ${s.until}, in ${s.seconds.toFixed(1)} s (${s.requests} API calls, ${s.events} events).`,
    `  units       ${s.units} in 3 departments (Förskola, Social omsorg, Äldreomsorg)`,
    `  guarantees  ${s.guarantees} adopted for ${s.year}, ${r.commitments} commitments`,
    `  cases       ${s.cases} registered (${cases} counted in the report: ${list(r.casesByType)}); ${s.openCases} open, ${s.overdueCases} overdue`,
    `  lifecycles  ${list(s.kinds)}`,
    `  messages    ${m.email + m.letter + m.none} to submitters: ${m.email} by e-mail (queued until SMTP_URL is set), ${m.letter} letters, ${m.none} recorded only`,
    `  breaches    ${r.breaches.reported} reported: ${r.breaches.confirmed} confirmed, ${r.breaches.rejected} rejected, ${undecided} undecided`,
    `  remedies    ${r.remedies.planned} planned: ${r.remedies.completed} completed (${r.remedies.completedOnTime} on time), ${r.remedies.planned - r.remedies.completed} still open`,
    '',
    'Next:',
    '  npm start',
    `  TOKEN=$(npm run --silent token -- --role manager --units ${example})`,
    '  open http://localhost:3000/dashboard',
    `  curl -H "Authorization: Bearer $TOKEN" "localhost:3000/api/reports/yearly?year=${s.year}"`,
    '',
  ].join('\n');
}
