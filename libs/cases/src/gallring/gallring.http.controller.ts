import { ApiController } from '@app/platform';
import { HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiQuery } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { RunGallring } from './run-gallring.command';

/** Gallring through the running API (the CLI's `gallring` refuses to run beside it). */
@ApiController('admin', 'api/admin/gallring')
export class GallringController {
  constructor(private readonly commands: CommandBus) {}

  /** Erases the personal data of the cases past their retention (GALLRING_RULES) and records the run; `dryRun=true` only counts. */
  @Post()
  @HttpCode(200)
  @Roles('admin')
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'] })
  run(@Query('dryRun') dryRun?: string) {
    return this.commands.execute(new RunGallring(dryRun === 'true'));
  }
}
