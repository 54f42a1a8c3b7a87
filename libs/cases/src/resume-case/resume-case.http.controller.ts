import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { stepBy } from '../case-lifecycle/business-time.request.dto';
import { ResumeCase } from './resume-case.command';
import { ResumeCaseRequest } from './resume-case.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class ResumeCaseController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('manager', 'admin')
  resume(@Param('id') id: string, @Body() body: ResumeCaseRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new ResumeCase(stepBy(id, body, user, rev)));
  }
}
