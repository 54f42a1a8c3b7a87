import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { Readiness, ReadinessReport } from './readiness';

/** Readiness in full for administrators: each contributor's status, reason and detail (error text, lag per projection). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/health')
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
