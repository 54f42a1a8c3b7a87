import { ApiController } from '@app/platform';
import { Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { ExtractPersonalData } from './extract-personal-data.query';

@ApiController('data protection', 'api/cases')
export class PersonalDataExtractController {
  constructor(private readonly queries: QueryBus) {}

  /** GDPR art. 15: every personal value held for the case, with where it was recorded. Logged as a disclosure. */
  @Get(':id/personal-data')
  @Roles('admin')
  extract(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.queries.execute(new ExtractPersonalData(id, user));
  }
}
