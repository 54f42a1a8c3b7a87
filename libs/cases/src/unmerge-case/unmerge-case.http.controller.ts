import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { BusinessTimeRequest, businessTime } from '../case-lifecycle/business-time.request.dto';
import { CaseCommands } from '../case-commands';

export class UnmergeCaseRequest extends BusinessTimeRequest {}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class UnmergeCaseController {
  constructor(private readonly cases: CaseCommands) {}

  @Post(':id/unmerge')
  @HttpCode(200)
  @Roles('manager', 'admin')
  unmerge(@Param('id') id: string, @Body() body: UnmergeCaseRequest, @CurrentUser() user: Principal, @IfMatch() expectedRevision?: bigint) {
    return this.cases.run(id, user, (now) => ({ type: 'UnmergeCase', at: businessTime(body), now }), { expectedRevision });
  }
}
