import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionsHost, ResourceReaders } from '@app/platform';
import { AcknowledgeCaseController } from './acknowledge-case/acknowledge-case.http.controller';
import { AssignCaseController } from './assign-case/assign-case.http.controller';
import { AwaitComplainantController } from './await-complainant/await-complainant.http.controller';
import { breachLinkReactor } from './breach-link.reactor';
import { CaseCommands } from './case-commands';
import { caseReader } from './case-reader';
import { CASE_CATEGORY } from './case.events';
import { CloseCaseController } from './close-case/close-case.http.controller';
import { ErasePersonalDataController } from './erase-personal-data/erase-personal-data.http.controller';
import { PersonalDataEraser } from './erase-personal-data/personal-data-eraser';
import { Gallring } from './gallring/gallring';
import { SendDelayNoticeController } from './delay-notice/delay-notice.http.controller';
import { casesProjection } from './list-cases/cases.projection';
import { ListCasesController } from './list-cases/list-cases.http.controller';
import { MergeCaseController } from './merge-case/merge-case.http.controller';
import { ReferenceAllocator } from './register-case/reference-allocator';
import { RegisterCaseHandler } from './register-case/register-case.handler';
import { RegisterCaseController } from './register-case/register-case.http.controller';
import { PersonalDataExtractController } from './extract-personal-data/personal-data-extract.http.controller';
import { RectifySubmitterController } from './rectify-submitter/rectify-submitter.http.controller';
import { ReopenCaseController } from './reopen-case/reopen-case.http.controller';
import { RespondCaseController } from './respond-case/respond-case.http.controller';
import { ResumeCaseController } from './resume-case/resume-case.http.controller';
import { TransferCaseController } from './transfer-case/transfer-case.http.controller';
import { UnmergeCaseController } from './unmerge-case/unmerge-case.http.controller';
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
    CaseCommands,
    PersonalDataEraser,
    Gallring,
    ReferenceVoidScheduler,
    { provide: ReferenceAllocator, inject: [EVENT_STORE], useFactory: (store: EventStore) => new ReferenceAllocator(store) },
  ],
  exports: [PersonalDataEraser, Gallring, ReferenceVoidScheduler],
})
export class CasesModule implements OnModuleInit {
  constructor(
    private readonly projections: ProjectionsHost,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readers: ResourceReaders,
  ) {}

  onModuleInit(): void {
    this.projections.register(casesProjection);
    this.projections.registerReactor(breachLinkReactor(this.store));
    this.readers.register(CASE_CATEGORY, caseReader(this.store, this.clock));
  }
}
