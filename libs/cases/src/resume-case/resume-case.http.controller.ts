import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { BusinessTimeRequest, businessTime } from '../case-lifecycle/business-time.request.dto';
import { CaseCommands } from '../case-commands';

export class ResumeCaseRequest extends BusinessTimeRequest {}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class ResumeCaseController {
  constructor(private readonly cases: CaseCommands) {}

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('manager', 'admin')
  resume(@Param('id') id: string, @Body() body: ResumeCaseRequest, @CurrentUser() user: Principal, @IfMatch() expectedRevision?: bigint) {
    return this.cases.run(id, user, (now) => ({ type: 'ResumeCase', at: businessTime(body), now }), { expectedRevision });
  }
}
