import { loadConfig } from '@app/platform';
import { cliAppConfig } from './app-context';

describe('the configuration of a CLI command that runs the app', () => {
  const env = { DATA_DIR: '/tmp/synpunkt-cli-config', SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'synpunkt@kommun.example' };

  it('never gives the outbox a mail server, whatever the environment says', () => {
    expect(loadConfig(env).mail).toBeDefined();
    const config = cliAppConfig(env, 'silent');
    expect(config.mail).toBeUndefined();
    expect(config.dataDir).toBe(loadConfig(env).dataDir);
  });
});
