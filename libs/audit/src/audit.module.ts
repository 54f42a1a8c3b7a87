import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '@app/platform';
import { AuditEventsController } from './audit-events/audit-events.http.controller';
import { FindStartHandler, GetAuditStreamHandler, ListAuditEventsHandler } from './audit-events/audit-events.query';
import { AuditStateController } from './audit-state/audit-state.http.controller';
import { GetStateAsOfHandler } from './audit-state/audit-state.query';
import { DigestScheduler } from './digests/digest-scheduler';
import { DIGEST_SIGNER, loadDigestSigner } from './digests/digest-signing';
import { GetLatestDigestHandler } from './digests/latest-digest.query';
import { RecordLogDigestHandler } from './digests/record-log-digest.handler';
import { CaseDisclosures } from './disclosures/case-disclosures';
import { ListDisclosuresHandler } from './disclosures/list-disclosures.query';
import { ReadExportPageHandler } from './export/export.query';
import { VerifyController } from './verify/verify.http.controller';
import { VerifyLogHandler } from './verify/verify.query';

@Module({
  imports: [CqrsModule],
  controllers: [AuditEventsController, AuditStateController, VerifyController],
  providers: [
    CaseDisclosures,
    DigestScheduler,
    ListAuditEventsHandler,
    FindStartHandler,
    GetAuditStreamHandler,
    ReadExportPageHandler,
    GetStateAsOfHandler,
    VerifyLogHandler,
    ListDisclosuresHandler,
    GetLatestDigestHandler,
    RecordLogDigestHandler,
    {
      provide: DIGEST_SIGNER,
      useFactory: (config: AppConfig) => (config.digestSigningKeyFile ? loadDigestSigner(config.digestSigningKeyFile) : null),
      inject: [APP_CONFIG],
    },
  ],
  exports: [DigestScheduler],
})
export class AuditModule {}
