import { ApiController } from '../http/api-controller';
import { Get, HttpCode, Param, Post } from '@nestjs/common';
import { Roles } from '@app/auth';
import { NotFoundError } from '@app/core';
import { ProjectionStatus } from '@app/projections';
import { ProjectionsHost } from './projections-host';

const view = (s: ProjectionStatus) => ({
  name: s.name,
  kind: s.kind,
  state: s.state,
  checkpoint: Number(s.checkpoint),
  head: Number(s.head),
  lagSeconds: s.lagSeconds,
  ...(s.retrying ? { retrying: s.retrying } : {}),
  ...(s.generation !== undefined ? { generation: s.generation, version: s.version } : {}),
  ...(s.rebuild ? { rebuild: { position: Number(s.rebuild.position) } } : {}),
  ...(s.error ? { error: s.error } : {}),
});

/** The running server's read models: their state, and a rebuild that swaps in while the current generation serves. */
@ApiController('admin', 'api/admin/projections')
export class ProjectionsController {
  constructor(private readonly host: ProjectionsHost) {}

  @Get()
  @Roles('admin')
  async list() {
    return { projections: (await this.host.runner.status()).map(view) };
  }

  /** Rebuilds every read model from one scan of the log, in the background (202); GET shows the progress. */
  @Post('rebuild')
  @HttpCode(202)
  @Roles('admin')
  async rebuildAll() {
    this.host.startRebuild('all');
    return this.list();
  }

  /** Starts the rebuild in the background (202); GET shows its progress, and the new generation once swapped in. */
  @Post(':name/rebuild')
  @HttpCode(202)
  @Roles('admin')
  async rebuild(@Param('name') name: string) {
    const status = (await this.host.runner.status()).find((s) => s.name === name && s.kind === 'projection');
    if (!status) throw new NotFoundError('projection', name);
    this.host.startRebuild(name);
    return view(status);
  }
}
