import { ApiController } from '../http/api-controller';
import { Get, Header } from '@nestjs/common';
import { Roles } from '@app/auth';
import { Readiness, ReadinessReport } from './readiness';

/** Readiness in full for administrators: each contributor's status, reason and detail (error text, lag per projection). */
@ApiController('admin', 'api/admin/health')
export class AdminHealthController {
  constructor(private readonly readiness: Readiness) {}

  /** Always 200: the overall `status` says whether /health/ready answers 503. */
  @Get()
  @Roles('admin')
  @Header('Cache-Control', 'no-store')
  report(): Promise<ReadinessReport> {
    return this.readiness.report();
  }
}
