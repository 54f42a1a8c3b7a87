import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { stepBy } from '../case-lifecycle/business-time.request.dto';
import { TransferCase } from './transfer-case.command';
import { TransferCaseRequest } from './transfer-case.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class TransferCaseController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/transfer')
  @HttpCode(200)
  @Roles('manager', 'admin', 'intake')
  transfer(@Param('id') id: string, @Body() body: TransferCaseRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new TransferCase(stepBy(id, body, user, rev), { toUnitId: body.toUnitId, reason: body.reason }));
  }
}
