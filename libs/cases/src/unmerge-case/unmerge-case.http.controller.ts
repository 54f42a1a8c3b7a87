import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { stepBy } from '../case-lifecycle/business-time.request.dto';
import { UnmergeCase } from './unmerge-case.command';
import { UnmergeCaseRequest } from './unmerge-case.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class UnmergeCaseController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/unmerge')
  @HttpCode(200)
  @Roles('manager', 'admin')
  unmerge(@Param('id') id: string, @Body() body: UnmergeCaseRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new UnmergeCase(stepBy(id, body, user, rev)));
  }
}
