import { Module } from '@nestjs/common';
import { AuditEventsController } from './audit-events.http.controller';
import { AuditStateController } from './audit-state.http.controller';
import { VerifyController } from './verify.http.controller';

@Module({ controllers: [AuditEventsController, AuditStateController, VerifyController] })
export class AuditModule {}
