import { Module, OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ProjectionsHost } from '@app/platform';
import { GetRequestController } from './get-request/get-request.http.controller';
import { ListRequestsController } from './list-requests/list-requests.http.controller';
import { open311RequestsProjection } from './list-requests/requests.projection';
import { ListServicesController } from './list-services/list-services.http.controller';
import { Open311FallbackController } from './open311-fallback.http.controller';
import { PostRequestController } from './post-request/post-request.http.controller';
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
})
export class Open311Module implements OnModuleInit {
  constructor(private readonly projections: ProjectionsHost) {}

  onModuleInit(): void {
    this.projections.register(open311RequestsProjection);
  }
}
