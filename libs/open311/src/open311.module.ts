import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { loadCase } from '@app/cases';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionsHost, ResourceReaders, ResourceResult } from '@app/platform';
import { loadUnit } from '@app/units';
import { GetRequestController } from './get-request/get-request.http.controller';
import { ListRequestsController } from './list-requests/list-requests.http.controller';
import { open311RequestsProjection } from './list-requests/requests.projection';
import { ListServicesController } from './list-services/list-services.http.controller';
import { Open311FallbackController } from './open311-fallback.http.controller';
import { PostRequestController } from './post-request/post-request.http.controller';
import { FileServiceRequestHandler } from './post-request/post-request.handler';
import { IssueApiKeyHandler } from './api-keys/issue-api-key/issue-api-key.handler';
import { RevokeApiKeyHandler } from './api-keys/revoke-api-key/revoke-api-key.handler';
import { GetServiceRequestHandler } from './get-request/get-request.query';
import { ListServiceRequestsHandler } from './list-requests/list-requests.query';
import { ListServicesHandler } from './list-services/list-services.query';
import { GetServiceDefinitionHandler } from './service-definition/service-definition.query';
import { filingAnswer, OPEN311_REQUEST_KIND } from './post-request/register-from-open311';
import { ServiceDefinitionController } from './service-definition/service-definition.http.controller';

/** Open311 GeoReport v2 over the cases: citizen apps and e-services list services, file requests and follow them. */
@Module({
  imports: [CqrsModule],
  controllers: [
    ListServicesController,
    ServiceDefinitionController,
    PostRequestController,
    ListRequestsController,
    GetRequestController,
    Open311FallbackController, // last: catches only what the others did not
  ],
  providers: [
    ListServicesHandler,
    GetServiceDefinitionHandler,
    ListServiceRequestsHandler,
    GetServiceRequestHandler,
    FileServiceRequestHandler,
    IssueApiKeyHandler,
    RevokeApiKeyHandler,
  ],
})
export class Open311Module implements OnModuleInit {
  constructor(
    private readonly projections: ProjectionsHost,
    private readonly readers: ResourceReaders,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    this.projections.register(open311RequestsProjection);
    // A replayed filing answers as the filing did, from the case as it is now; it holds no personal data.
    this.readers.register(OPEN311_REQUEST_KIND, async (caseId) => {
      const c = await loadCase(this.store, caseId);
      const unit = await loadUnit(this.store, c.unitId!);
      return new ResourceResult(
        filingAnswer({ reference: c.reference!, needsResponse: !!c.needsResponse, respondBy: c.respondBy! }, unit.name!, !!c.location),
      );
    });
  }
}
