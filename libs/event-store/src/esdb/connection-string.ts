/**
 * KurrentDB connection strings, without loading the gRPC client (configuration checks them at start). The 6.x client
 * knows only `esdb://` and `esdb+discover://`, case-sensitively; KurrentDB documents `kurrentdb://` and aliases for the
 * same format, and URL schemes are case-insensitive. Config and adapter accept exactly this list.
 */
export const ESDB_SCHEMES = ['esdb', 'kurrentdb', 'kurrent', 'kdb'] as const;

const SCHEME = /^\s*([a-z][a-z0-9+.-]*):\/\//i;

/** `esdb` or `esdb+discover` for an accepted scheme (any case), undefined otherwise. */
function clientScheme(connectionString: string): 'esdb' | 'esdb+discover' | undefined {
  const scheme = SCHEME.exec(connectionString)?.[1].toLowerCase();
  if (!scheme) return undefined;
  const [base, discover, ...rest] = scheme.split('+');
  if (rest.length || (discover !== undefined && discover !== 'discover')) return undefined;
  if (!(ESDB_SCHEMES as readonly string[]).includes(base)) return undefined;
  return discover ? 'esdb+discover' : 'esdb';
}

/** The client's option names are matched case-insensitively, `_` and `-` ignored (its parser's `toflatCase`). */
const flat = (key: string) => key.trim().toLowerCase().replace(/[_-]/g, '');

function option(connectionString: string, name: string): string | undefined {
  const query = connectionString.split('?')[1] ?? '';
  for (const pair of query.split('&')) {
    const [key, value = ''] = pair.split('=');
    if (flat(key) === flat(name)) return decodeURIComponent(value).trim();
  }
  return undefined;
}

/** What is wrong with a connection string for this adapter, or undefined. */
export function connectionStringProblem(connectionString: string): string | undefined {
  if (!clientScheme(connectionString)) {
    return 'EVENTSTORE_CONNECTION_STRING must start with esdb://, esdb+discover://, kurrentdb:// or kurrentdb+discover:// (any case; kurrent:// and kdb:// too)';
  }
  // With it the client reports a lost race as `success: false` instead of throwing; every append here relies on the throw.
  if (option(connectionString, 'throwOnAppendFailure')?.toLowerCase() === 'false') {
    return 'EVENTSTORE_CONNECTION_STRING must not set throwOnAppendFailure=false: a failed append would pass for a written one';
  }
  return undefined;
}

/** The same string with the scheme the 6.x client understands; throws what `connectionStringProblem` finds. */
export function normalizeConnectionString(connectionString: string): string {
  const problem = connectionStringProblem(connectionString);
  if (problem) throw new Error(problem);
  return connectionString.trim().replace(SCHEME, `${clientScheme(connectionString)}://`);
}

/** Puts a user and password into a connection string, URL-encoded (a password may hold `@`, `:`, `/`, `%`). */
export function withCredentials(connectionString: string, username: string, password: string): string {
  const trimmed = connectionString.trim();
  const scheme = SCHEME.exec(trimmed);
  if (!scheme) throw new Error('not a connection string');
  const rest = trimmed.slice(scheme[0].length).replace(/^[^@/?]*@/, ''); // any credentials already there give way
  return `${scheme[0].trim()}${encodeURIComponent(username)}:${encodeURIComponent(password)}@${rest}`;
}
