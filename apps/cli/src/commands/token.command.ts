import { InvalidArgumentError } from 'commander';
import { AuthConfig, durationSeconds, isDevelopmentMode, issueDevToken, Role, ROLES } from '@app/auth';
import { RegisterCommand } from '../cli-context';

interface TokenOptions {
  role: Role[];
  units: string[];
  name?: string;
  sub?: string;
  expires: string;
}

const collectRoles = (value: string, previous: Role[] | undefined): Role[] => {
  const roles = value
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = roles.filter((r) => !ROLES.includes(r as Role));
  if (!roles.length || unknown.length) throw new InvalidArgumentError(`roles are ${ROLES.join(', ')}; got "${value}"`);
  return [...new Set([...(previous ?? []), ...(roles as Role[])])];
};

const parseUnits = (value: string): string[] => {
  const units = value
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (!units.length) throw new InvalidArgumentError('give unit ids separated by commas, or * for all units');
  return units;
};

const parseDuration = (value: string): string => {
  if (!/^\d+\s*(s|sec|secs|m|min|mins|h|hr|hrs|d|day|days|w|week|weeks)$/i.test(value.trim())) {
    throw new InvalidArgumentError('use a duration such as 30m, 8h or 7d');
  }
  return value.trim();
};

/** The AUTH_* variables as the API reads them, so a printed token is one the server accepts. */
export function authConfigFromEnv(env: NodeJS.ProcessEnv): AuthConfig {
  const text = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  const maxAge = text('AUTH_MAX_TOKEN_AGE');
  return {
    jwksUrl: text('AUTH_JWKS_URL'),
    issuer: text('AUTH_ISSUER'),
    audience: text('AUTH_AUDIENCE'),
    devSecret: text('AUTH_DEV_SECRET'),
    maxTokenAgeSeconds: maxAge === undefined ? undefined : durationSeconds(maxAge),
  };
}

export const registerTokenCommand: RegisterCommand = (program, ctx) => {
  program
    .command('token')
    .description('print a development bearer token (only without AUTH_JWKS_URL, i.e. against the development secret)')
    .requiredOption('--role <role>', `a role (${ROLES.join(', ')}); repeat or separate by commas for several`, collectRoles)
    .option('--units <ids>', 'unit ids the user may act for, comma-separated; * = all', parseUnits, ['*'])
    .option('--name <name>', 'display name carried in the token')
    .option('--sub <id>', 'subject (user id); default derived from the roles')
    .option('--expires <duration>', 'lifetime, e.g. 30m, 8h; at most AUTH_MAX_TOKEN_AGE (12h unless set)', parseDuration, '8h')
    .addHelpText('after', '\nExample:\n  npm run token -- --role manager --units hgb,vby --name "Anna Andersson"\n')
    .action(async (options: TokenOptions, command) => {
      const config = authConfigFromEnv(ctx.env);
      if (!isDevelopmentMode(config)) {
        command.error(
          'refusing to issue a development token: AUTH_JWKS_URL is set, so the API accepts only tokens from the identity provider. ' +
            'Get a token there, or unset AUTH_JWKS_URL for local development.',
          { exitCode: 2, code: 'synpunkt.token.production' },
        );
      }
      if (config.devSecret && config.devSecret.length < 32) {
        command.error('AUTH_DEV_SECRET must be at least 32 characters (the API refuses shorter ones)', { exitCode: 2 });
      }
      const token = await issueDevToken(
        { roles: options.role, units: options.units, name: options.name, sub: options.sub, expiresIn: options.expires },
        config,
      ).catch((err: Error) => command.error(err.message, { exitCode: 2 }));
      ctx.err(
        `development token: roles ${options.role.join(', ')}; units ${options.units.join(', ')}; valid ${options.expires}` +
          `${config.devSecret ? ' (AUTH_DEV_SECRET)' : ' (default development secret)'}\n`,
      );
      ctx.out(`${token}\n`);
    });
};
