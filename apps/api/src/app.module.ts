import { DynamicModule, Module } from '@nestjs/common';
import { extname, join } from 'node:path';
import { AuthModule } from '@app/auth';
import { Clock } from '@app/core';
import { AppConfig, Metrics, PlatformModule, ProcessRole } from '@app/platform';
import { UnitsModule } from '@app/units';
import { breachPersonalData, GuaranteesModule } from '@app/guarantees';
import { CasesModule, casePersonalData } from '@app/cases';
import { PersonalDataPolicy, Upcaster } from '@app/event-store';
import { appUpcasters } from './upcasters';
import { FollowUpModule } from '@app/follow-up';
import { AuditModule } from '@app/audit';
import { Open311Module } from '@app/open311';
import { DashboardModule } from './dashboard/dashboard.module';

export interface AppModuleOptions {
  config: AppConfig;
  clock?: Clock;
  metrics?: Metrics;
  /** Upcasters beside the modules' own (tests add some); see appUpcasters. */
  upcasters?: [string, Upcaster][];
  role?: ProcessRole;
}

/** Composition only: the platform, authentication and the business modules. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const { config } = options;
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          config,
          clock: options.clock,
          metrics: options.metrics ?? new Metrics(),
          personalData: new PersonalDataPolicy({ ...casePersonalData, ...breachPersonalData }),
          upcasters: appUpcasters(options.upcasters),
          // a thread reads with the app's own upcasters only: with a test's extra ones, rebuilds stay on this thread
          rebuildSource: options.upcasters?.length ? undefined : join(__dirname, `rebuild-source${extname(__filename)}`),
          role: options.role,
        }),
        AuthModule.forRoot(config.auth),
        UnitsModule,
        GuaranteesModule,
        CasesModule,
        FollowUpModule,
        AuditModule,
        Open311Module,
        DashboardModule,
      ],
    };
  }
}
