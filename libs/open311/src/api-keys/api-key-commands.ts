import { Clock } from '@app/core';
import { EventStore } from '@app/event-store';
import { CommandRunner } from '@app/platform/write';
import { Open311Client } from './api-keys';
import { IssueApiKey } from './issue-api-key/issue-api-key.command';
import { IssueApiKeyHandler } from './issue-api-key/issue-api-key.handler';
import { RevokeApiKey } from './revoke-api-key/revoke-api-key.command';
import { RevokeApiKeyHandler } from './revoke-api-key/revoke-api-key.handler';

/**
 * The key commands for a process that has the store but not the application (the CLI, which may run beside the
 * API): the handlers the CommandBus runs, on a runner over that store.
 */
export function runApiKeyCommand(store: EventStore, clock: Clock, command: IssueApiKey): Promise<Open311Client & { key: string }>;
export function runApiKeyCommand(store: EventStore, clock: Clock, command: RevokeApiKey): Promise<Open311Client>;
export function runApiKeyCommand(store: EventStore, clock: Clock, command: IssueApiKey | RevokeApiKey): Promise<Open311Client> {
  const runner = new CommandRunner(store, clock);
  return command instanceof IssueApiKey
    ? new IssueApiKeyHandler(runner).execute(command)
    : new RevokeApiKeyHandler(runner).execute(command);
}
