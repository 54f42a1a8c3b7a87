import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Gallring, GallringResult } from './gallring';
import { RunGallring } from './run-gallring.command';

@CommandHandler(RunGallring)
export class RunGallringHandler implements ICommandHandler<RunGallring, GallringResult[]> {
  constructor(private readonly gallring: Gallring) {}

  execute({ dryRun }: RunGallring): Promise<GallringResult[]> {
    return this.gallring.run({ dryRun });
  }
}
