import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '@app/auth';
import { Readiness, ReadinessStatus } from './readiness';

/** What anyone may see of readiness: no part names, no error text, no ids (those are at GET /api/admin/health). */
export interface PublicReadiness {
  status: ReadinessStatus;
  lagSeconds: number;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: Readiness,
  ) {}

  /** The process is up. */
  @Public()
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** `ok` or `degraded` (200: serve), `down` (503: take this instance out of rotation). */
  @Public()
  @Get('ready')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ description: '`{status: "ok" | "degraded", lagSeconds}`' })
  @ApiServiceUnavailableResponse({ description: '`{status: "down", lagSeconds}`' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<PublicReadiness> {
    const { status, lagSeconds } = await this.readiness.report();
    if (status === 'down') res.status(503);
    return { status, lagSeconds };
  }
}
