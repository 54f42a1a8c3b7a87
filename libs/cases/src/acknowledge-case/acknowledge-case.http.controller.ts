import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { stepBy } from '../case-lifecycle/business-time.request.dto';
import { AcknowledgeCase } from './acknowledge-case.command';
import { AcknowledgeCaseRequest } from './acknowledge-case.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class AcknowledgeCaseController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles('manager', 'admin')
  acknowledge(@Param('id') id: string, @Body() body: AcknowledgeCaseRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new AcknowledgeCase(stepBy(id, body, user, rev)));
  }
}
