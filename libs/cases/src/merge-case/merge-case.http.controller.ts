import { Body, Controller, ForbiddenException, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { InvalidInputError, NotFoundError } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { IfMatch } from '@app/platform';
import { BusinessTimeRequest, businessTime } from '../case-lifecycle/business-time.request.dto';
import { CaseCommands } from '../case-commands';
import { canSeeCase } from '../case.view';
import { loadCase } from '../load-case';

export class MergeCaseRequest extends BusinessTimeRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  intoCaseId: string;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class MergeCaseController {
  constructor(
    private readonly cases: CaseCommands,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post(':id/merge')
  @HttpCode(200)
  @Roles('manager', 'admin')
  async merge(
    @Param('id') id: string,
    @Body() body: MergeCaseRequest,
    @CurrentUser() user: Principal,
    @IfMatch() expectedRevision?: bigint,
  ) {
    const into = await loadCase(this.store, body.intoCaseId).catch((err: unknown) => {
      if (err instanceof NotFoundError)
        throw new InvalidInputError([{ field: 'intoCaseId', message: `no case has the id ${body.intoCaseId}` }]);
      throw err;
    });
    // The caller must be allowed to read the target, as GET /api/cases/{intoCaseId} would require.
    if (!canSeeCase(user, into.unitId!)) throw new ForbiddenException(`you may not read cases of unit ${into.unitId}`);
    return this.cases.run(
      id,
      user,
      (now) => ({
        type: 'MergeCase',
        into: { caseId: into.caseId!, reference: into.reference!, exists: true, mergedInto: into.mergedInto },
        at: businessTime(body),
        now,
      }),
      { expectedRevision },
    );
  }
}
