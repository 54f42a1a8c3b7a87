import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { actorOf } from '@app/auth';
import { eventMetadata } from '@app/platform';
import { CommandRunner } from '@app/platform/write';
import { RecordDisclosure } from './record-disclosure.command';

export const disclosureStream = (caseId: string) => `disclosure-${caseId}`;

@CommandHandler(RecordDisclosure)
export class RecordDisclosureHandler implements ICommandHandler<RecordDisclosure, void> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ reader, disclosed: { caseId, reference }, purpose }: RecordDisclosure): Promise<void> {
    const at = this.runner.now().toISOString();
    const data = { caseId, reference, reader: actorOf(reader), roles: reader.roles, at, ...(purpose ? { purpose } : {}) };
    await this.runner.store.append(disclosureStream(caseId), [
      { type: 'ConfidentialCaseRead.v1', data, metadata: eventMetadata(actorOf(reader)) },
    ]);
  }
}
