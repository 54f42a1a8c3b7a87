import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { ProcessLink } from '../processes/process-link';
import { Metrics } from './metrics';

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly link: ProcessLink,
  ) {}

  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    // Under the primary: every process's metrics in one answer, whichever worker is asked.
    return this.link.role === 'worker' ? this.link.combinedMetrics() : this.metrics.registry.metrics();
  }
}
