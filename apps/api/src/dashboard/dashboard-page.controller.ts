import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { CLOCK, Clock, stockholmYear } from '@app/core';
import { dashboardPage } from './dashboard-page';
import { dashboardScript } from './dashboard-script';

/** The managers' dashboard: a public page whose script calls the JSON API with the user's bearer token. */
@ApiExcludeController()
@Controller('dashboard')
export class DashboardPageController {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  @Public()
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  page(): string {
    return dashboardPage(stockholmYear(this.clock.now()));
  }

  @Public()
  @Get('app.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  script(): string {
    return dashboardScript();
  }
}
