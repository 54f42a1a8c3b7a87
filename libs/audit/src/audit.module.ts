import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/platform';
import { AuditEventsController } from './audit-events.http.controller';
import { AuditStateController } from './audit-state.http.controller';
import { CaseDisclosures } from './case-disclosures';
import { DigestScheduler } from './digest-scheduler';
import { DIGEST_SIGNER, loadDigestSigner } from './digest-signing';
import { VerifyController } from './verify.http.controller';

@Module({
  controllers: [AuditEventsController, AuditStateController, VerifyController],
  providers: [
    CaseDisclosures,
    DigestScheduler,
    {
      provide: DIGEST_SIGNER,
      useFactory: (config: AppConfig) => (config.digestSigningKeyFile ? loadDigestSigner(config.digestSigningKeyFile) : null),
      inject: [APP_CONFIG],
    },
  ],
  exports: [DigestScheduler],
})
export class AuditModule {}
