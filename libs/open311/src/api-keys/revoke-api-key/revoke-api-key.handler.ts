import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@app/platform/write';
import { Open311Client, toClient } from '../api-keys';
import { open311ClientDecider } from '../open311-client.decider';
import { open311ClientStream } from '../open311-client.events';
import { RevokeApiKey } from './revoke-api-key.command';

@CommandHandler(RevokeApiKey)
export class RevokeApiKeyHandler implements ICommandHandler<RevokeApiKey, Open311Client> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ clientId, reason, actor }: RevokeApiKey): Promise<Open311Client> {
    const command = { type: 'RevokeApiKey' as const, reason, now: this.runner.now() };
    const result = await this.runner.run(open311ClientDecider, open311ClientStream(clientId), command, { actor });
    return toClient(result.state);
  }
}
