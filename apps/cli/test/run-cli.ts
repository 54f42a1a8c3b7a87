import request from 'supertest';
import { loadConfig } from '@app/platform';
import { tokenFor } from '@app/testing';
import { createApp } from '../../api/src/create-app';
import { buildProgram } from '../src/main';

/**
 * Runs a CLI command in this process; returns what it printed and the exit code it set (reset, so jest's own stays
 * untouched). A command that throws rejects.
 */
export async function runCli(env: NodeJS.ProcessEnv, ...args: string[]) {
  let out = '';
  let err = '';
  await buildProgram({ env, out: (t) => (out += t), err: (t) => (err += t) }, { exitOverride: true }).parseAsync([
    'node',
    'synpunkt',
    ...args,
  ]);
  const exitCode = process.exitCode;
  process.exitCode = undefined;
  return { out, err, exitCode, json: () => JSON.parse(out) };
}

export type Http = () => ReturnType<typeof request>;
export type Auth = { Authorization: string };

/** The API on `env`'s DATA_DIR for the time of `work`, with an admin's header: to set up or look at what a command saw. */
export async function withApi<T>(env: NodeJS.ProcessEnv, work: (http: Http, admin: Auth) => Promise<T>): Promise<T> {
  const app = await createApp({ config: loadConfig(env) });
  await app.init();
  try {
    return await work(() => request(app.getHttpServer()), { Authorization: `Bearer ${await tokenFor('admin')}` });
  } finally {
    await app.close();
  }
}
