import { UNITS } from './district';
import { SeedSummary } from './seeder';

const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');

/** Of the seed's environment: DATA_DIR, which the server must be started with too, and PORT and HOST for its URL. */
type SeedEnv = NodeJS.ProcessEnv;

/** A value as a shell word: bare when safe, else single-quoted. */
const shellWord = (value: string) => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);

/** `npm start` with the variables the seed was given, and the URL that server answers on. */
export function nextStart(env: SeedEnv): { start: string; url: string } {
  const given = (['DATA_DIR', 'PORT', 'HOST'] as const).filter((name) => env[name]?.trim());
  const start = [...given.map((name) => `${name}=${shellWord(env[name]!.trim())}`), 'npm start'].join(' ');
  const host = env.HOST?.trim();
  // every interface: this machine reaches it as localhost
  const name = !host || host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return { start, url: `http://${name}:${env.PORT?.trim() || '3000'}` };
}

/** What was made, and what to do next (with the DATA_DIR, PORT and HOST it ran with). */
export function formatSummary(s: SeedSummary, env: SeedEnv = {}): string {
  const r = s.report;
  const m = s.messages;
  const cases = Object.values(r.casesByType).reduce((a, b) => a + b, 0);
  const undecided = r.breaches.reported - r.breaches.confirmed - r.breaches.rejected;
  const example = UNITS[5].id;
  const { start, url } = nextStart(env);
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
    `  ${start}`,
    `  TOKEN=$(npm run --silent token -- --role manager --units ${example})`,
    `  curl -H "Authorization: Bearer $TOKEN" "${url}/api/reports/yearly?year=${s.year}"`,
    `  and in a browser: ${url}/dashboard (paste the token)`,
    '',
  ].join('\n');
}
