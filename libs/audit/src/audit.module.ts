import { Module } from '@nestjs/common';
import { AuditEventsController } from './audit-events.http.controller';
import { AuditStateController } from './audit-state.http.controller';
import { CaseDisclosures } from './case-disclosures';
import { DigestScheduler } from './digest-scheduler';
import { VerifyController } from './verify.http.controller';

@Module({
  controllers: [AuditEventsController, AuditStateController, VerifyController],
  providers: [CaseDisclosures, DigestScheduler],
  exports: [DigestScheduler],
})
export class AuditModule {}
