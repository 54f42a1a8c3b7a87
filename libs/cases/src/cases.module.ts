import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionsHost, ResourceReaders } from '@app/platform';
import { AcknowledgeCaseController } from './acknowledge-case/acknowledge-case.http.controller';
import { AssignCaseController } from './assign-case/assign-case.http.controller';
import { AwaitComplainantController } from './await-complainant/await-complainant.http.controller';
import { CASE_CATEGORY } from './case.events';
import { CaseStepHandler } from './case-lifecycle/case-step.handler';
import { CloseCaseController } from './close-case/close-case.http.controller';
import { SendDelayNoticeController } from './delay-notice/delay-notice.http.controller';
import { ErasePersonalDataHandler } from './erase-personal-data/erase-personal-data.handler';
import { ErasePersonalDataController } from './erase-personal-data/erase-personal-data.http.controller';
import { PersonalDataExtractController } from './extract-personal-data/extract-personal-data.http.controller';
import { ExtractPersonalDataHandler } from './extract-personal-data/extract-personal-data.query';
import { Gallring } from './gallring/gallring';
import { caseReader, GetCaseHandler } from './get-case/get-case.query';
import { breachLinkReactor } from './link-breach/breach-link.reactor';
import { LinkBreachHandler } from './link-breach/link-breach.handler';
import { casesProjection } from './list-cases/cases.projection';
import { ListCasesController } from './list-cases/list-cases.http.controller';
import { ListCasesHandler } from './list-cases/list-cases.query';
import { MergeCaseController } from './merge-case/merge-case.http.controller';
import { RecordDisclosureHandler } from './record-disclosure/record-disclosure.handler';
import { RectifySubmitterHandler } from './rectify-submitter/rectify-submitter.handler';
import { RectifySubmitterController } from './rectify-submitter/rectify-submitter.http.controller';
import { ReferenceAllocator } from './register-case/reference-allocator';
import { RegisterCaseHandler } from './register-case/register-case.handler';
import { RegisterCaseController } from './register-case/register-case.http.controller';
import { ReopenCaseController } from './reopen-case/reopen-case.http.controller';
import { RespondCaseController } from './respond-case/respond-case.http.controller';
import { ResumeCaseController } from './resume-case/resume-case.http.controller';
import { TransferCaseController } from './transfer-case/transfer-case.http.controller';
import { UnmergeCaseController } from './unmerge-case/unmerge-case.http.controller';
import { GetReferenceSeriesHandler } from './void-references/reference-series.query';
import { ReferenceVoidScheduler } from './void-references/reference-void.scheduler';
import { ReferencesController } from './void-references/references.http.controller';

@Module({
  imports: [CqrsModule],
  controllers: [
    RegisterCaseController,
    ListCasesController,
    AcknowledgeCaseController,
    AssignCaseController,
    TransferCaseController,
    AwaitComplainantController,
    ResumeCaseController,
    RespondCaseController,
    SendDelayNoticeController,
    CloseCaseController,
    ReopenCaseController,
    MergeCaseController,
    UnmergeCaseController,
    ErasePersonalDataController,
    RectifySubmitterController,
    PersonalDataExtractController,
    ReferencesController,
  ],
  providers: [
    RegisterCaseHandler,
    CaseStepHandler,
    RectifySubmitterHandler,
    ErasePersonalDataHandler,
    LinkBreachHandler,
    RecordDisclosureHandler,
    ListCasesHandler,
    GetCaseHandler,
    ExtractPersonalDataHandler,
    GetReferenceSeriesHandler,
    Gallring,
    ReferenceVoidScheduler,
    { provide: ReferenceAllocator, inject: [EVENT_STORE], useFactory: (store: EventStore) => new ReferenceAllocator(store) },
  ],
  exports: [Gallring, ReferenceVoidScheduler],
})
export class CasesModule implements OnModuleInit {
  constructor(
    private readonly projections: ProjectionsHost,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readers: ResourceReaders,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    this.projections.register(casesProjection);
    this.projections.registerReactor(breachLinkReactor({ commands: this.commands, store: this.store }));
    this.readers.register(CASE_CATEGORY, caseReader(this.store, this.clock));
  }
}
