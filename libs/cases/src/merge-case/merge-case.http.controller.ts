import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { stepBy } from '../case-lifecycle/business-time.request.dto';
import { MergeCase } from './merge-case.command';
import { MergeCaseRequest } from './merge-case.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class MergeCaseController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/merge')
  @HttpCode(200)
  @Roles('manager', 'admin')
  merge(@Param('id') id: string, @Body() body: MergeCaseRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new MergeCase(stepBy(id, body, user, rev), { intoCaseId: body.intoCaseId }));
  }
}
