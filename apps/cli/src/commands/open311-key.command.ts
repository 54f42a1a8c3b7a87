import { userInfo } from 'node:os';
import { Actor, systemClock } from '@app/core';
import { IssueApiKey, listApiKeys, RevokeApiKey, runApiKeyCommand } from '@app/open311';
import { RegisterCommand } from '../cli-context';
import { withStore } from '../app-context';

/** The operator at the terminal, recorded as the actor of the key's events. */
const operator = (): Actor => {
  try {
    return { sub: `cli:${userInfo().username}` };
  } catch {
    return { sub: 'cli' };
  }
};

/** Open311 API keys: printed once on create, stored only as a SHA-256 hash in the client's event stream. */
export const registerOpen311KeyCommand: RegisterCommand = (program, ctx) => {
  const keys = program.command('open311-key').description('issue, list and revoke the API keys Open311 clients use to file requests');
  keys
    .command('create')
    .description('issue a key for a client and print it once (only its hash is stored)')
    .requiredOption('--name <name>', 'the client, e.g. "Stadens e-tjänst"')
    .action(async (opts: { name: string }) => {
      await withStore(ctx, async (store) => {
        const client = await runApiKeyCommand(store, ctx.clock ?? systemClock, new IssueApiKey(opts.name, operator()));
        ctx.err(`issued Open311 key ${client.clientId} for ${client.name}; store it now, it cannot be shown again\n`);
        ctx.out(`${client.key}\n`);
      });
    });
  keys
    .command('list')
    .description('list clients and whether their key is active (never the key)')
    .action(async () => {
      await withStore(ctx, async (store) => {
        const clients = await listApiKeys(store);
        ctx.out(
          JSON.stringify(
            clients.map((c) => ({ ...c, status: c.revokedAt ? 'revoked' : 'active' })),
            null,
            2,
          ) + '\n',
        );
      });
    });
  keys
    .command('revoke')
    .description('revoke a client key at once')
    .argument('<clientId>', 'the id shown by list (the part of the key before the dot)')
    .option('--reason <text>', 'why the key is revoked')
    .action(async (clientId: string, opts: { reason?: string }) => {
      await withStore(ctx, async (store) => {
        const client = await runApiKeyCommand(store, ctx.clock ?? systemClock, new RevokeApiKey(clientId, opts.reason, operator()));
        ctx.out(`${JSON.stringify({ ...client, status: 'revoked' }, null, 2)}\n`);
      });
    });
};
