import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@app/platform/write';
import { hashApiKey, newApiKey, Open311Client, toClient } from '../api-keys';
import { open311ClientDecider } from '../open311-client.decider';
import { open311ClientStream } from '../open311-client.events';
import { IssueApiKey } from './issue-api-key.command';

@CommandHandler(IssueApiKey)
export class IssueApiKeyHandler implements ICommandHandler<IssueApiKey, Open311Client & { key: string }> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ name, actor }: IssueApiKey): Promise<Open311Client & { key: string }> {
    const { clientId, key } = newApiKey();
    const command = { type: 'IssueApiKey' as const, clientId, name, keyHash: hashApiKey(key), now: this.runner.now() };
    const result = await this.runner.run(open311ClientDecider, open311ClientStream(clientId), command, { actor });
    return { ...toClient(result.state), key };
  }
}
