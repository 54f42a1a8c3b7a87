import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { CommandBus, CqrsModule, QueryBus } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { APP_CONFIG, AppConfig, Metrics, ProcessLink, ProjectionsHost, Readiness, ResourceReaders } from '@app/platform';
import { CASE_CATEGORY } from './case.events';
import { CaseStepsController } from './case-lifecycle/case-steps.http.controller';
import { CaseStepHandler } from './case-lifecycle/case-step.handler';
import { ErasePersonalDataHandler } from './erase-personal-data/erase-personal-data.handler';
import { ErasePersonalDataController } from './erase-personal-data/erase-personal-data.http.controller';
import { PersonalDataExtractController } from './extract-personal-data/extract-personal-data.http.controller';
import { ExtractPersonalDataHandler } from './extract-personal-data/extract-personal-data.query';
import { Gallring } from './gallring/gallring';
import { GallringController } from './gallring/gallring.http.controller';
import { RunGallringHandler } from './gallring/run-gallring.handler';
import { caseReader, GetCaseHandler } from './get-case/get-case.query';
import { breachLinkReactor } from './link-breach/breach-link.reactor';
import { LinkBreachHandler } from './link-breach/link-breach.handler';
import { casesProjection } from './list-cases/cases.projection';
import { ListCasesController } from './list-cases/list-cases.http.controller';
import { ListCasesHandler } from './list-cases/list-cases.query';
import { RecordDisclosureHandler } from './record-disclosure/record-disclosure.handler';
import { RectifySubmitterHandler } from './rectify-submitter/rectify-submitter.handler';
import { RectifySubmitterController } from './rectify-submitter/rectify-submitter.http.controller';
import { ReferenceAllocator } from './register-case/reference-allocator';
import { RegisterCaseHandler } from './register-case/register-case.handler';
import { RegisterCaseController } from './register-case/register-case.http.controller';
import { GetReferenceSeriesHandler } from './void-references/reference-series.query';
import { ReferenceVoidScheduler } from './void-references/reference-void.scheduler';
import { ReferencesController } from './void-references/references.http.controller';
import { CATEGORY_LIST_KIND } from './categories/category-list.events';
import { CategoriesController } from './categories/get-categories/categories.http.controller';
import { GetCategories, GetCategoriesHandler } from './categories/get-categories/get-categories.query';
import { SetCategoriesHandler } from './categories/set-categories/set-categories.handler';
import { SetCategoriesController } from './categories/set-categories/set-categories.http.controller';
import { RecategoriseCaseHandler } from './recategorise-case/recategorise-case.handler';
import { ClaimMessageHandler, RecordDeliveryHandler } from './messages/delivery.handler';
import { smtpMailer } from './messages/mailer';
import { messageComposer } from './messages/message.composer';
import { GetMessageHandler } from './messages/get-message/get-message.query';
import { CaseMessagesController } from './messages/messages.http.controller';
import { ResendMessageHandler } from './messages/resend-message/resend-message.handler';
import { ForwardResponseHandler } from './messages/forward-response/forward-response.handler';
import { responseForwardReactor } from './messages/forward-response/forward-response.reactor';
import { ListOutboxHandler } from './messages/admin-outbox/list-outbox.query';
import { OutboxController } from './messages/admin-outbox/outbox.http.controller';
import { RetryMessageHandler } from './messages/admin-outbox/retry-message.handler';
import { MarkMessagePrintedHandler } from './messages/mark-printed/mark-printed.handler';
import { MarkPrintedController } from './messages/mark-printed/mark-printed.http.controller';
import { OutboxDispatcher } from './messages/outbox.dispatcher';
import { registerOutboxMetrics } from './messages/outbox.metrics';
import { outboxProjection } from './messages/outbox.projection';
import { AcknowledgeByReceiptHandler } from './messages/receipt-acknowledgement/acknowledge-by-receipt.handler';
import { receiptAcknowledgementReactor } from './messages/receipt-acknowledgement/receipt-acknowledgement.reactor';
import { outboxReadiness } from './messages/outbox.readiness';

@Module({
  imports: [CqrsModule],
  controllers: [
    RegisterCaseController,
    GallringController,
    ListCasesController,
    CaseStepsController,
    ErasePersonalDataController,
    RectifySubmitterController,
    PersonalDataExtractController,
    ReferencesController,
    CategoriesController,
    SetCategoriesController,
    CaseMessagesController,
    OutboxController,
    MarkPrintedController,
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
    RecategoriseCaseHandler,
    GetCategoriesHandler,
    SetCategoriesHandler,
    ClaimMessageHandler,
    RecordDeliveryHandler,
    GetMessageHandler,
    ResendMessageHandler,
    ForwardResponseHandler,
    ListOutboxHandler,
    RetryMessageHandler,
    MarkMessagePrintedHandler,
    AcknowledgeByReceiptHandler,
    {
      provide: OutboxDispatcher,
      inject: [ProjectionsHost, EVENT_STORE, CLOCK, CommandBus, APP_CONFIG, ProcessLink],
      useFactory: (host: ProjectionsHost, store: EventStore, clock: Clock, commands: CommandBus, config: AppConfig, link: ProcessLink) =>
        new OutboxDispatcher(
          {
            commands,
            readModels: host.readModels,
            store,
            clock,
            // Without SMTP_URL nothing is sent: e-mail waits queued (readiness degraded) and goes once it is set.
            mailer: config.mail && smtpMailer(config.mail.smtpUrl, config.mail.from),
            compose: messageComposer(store, config.municipalityName, config.mail?.from ?? ''),
            advances: (listener) => host.onAdvance(listener),
          },
          link.role !== 'worker', // the projector (or the one process) sends; HTTP workers never do
        ),
    },
    Gallring,
    RunGallringHandler,
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
    private readonly queries: QueryBus,
    private readonly readiness: Readiness,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    this.projections.register(casesProjection);
    this.projections.registerReactor(breachLinkReactor({ commands: this.commands, store: this.store }));
    this.projections.registerReactor(
      responseForwardReactor({
        commands: this.commands,
        store: this.store,
        clock: this.clock,
        maxAgeMs: this.config.outbox.maxAgeHours * 3600_000,
      }),
    );
    this.projections.register(outboxProjection);
    this.projections.registerReactor(receiptAcknowledgementReactor(this.commands));
    this.readiness.register(outboxReadiness(!!this.config.mail));
    registerOutboxMetrics(this.metrics.registry, this.projections.readModels);
    this.readers.register(CASE_CATEGORY, caseReader(this.store, this.clock));
    this.readers.register(CATEGORY_LIST_KIND, () => this.queries.execute(new GetCategories()));
  }
}
