import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { ConfirmBreach, RejectBreach } from './decide-breach.command';
import { ConfirmBreachRequest, RejectBreachRequest } from './decide-breach.request.dto';

const instant = (at?: string) => (at ? new Date(at) : undefined);

/** The unit's manager (or an admin) confirms or rejects a reported breach. */
@ApiTags('breaches')
@ApiBearerAuth()
@Controller('api/breaches')
export class DecideBreachController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/confirm')
  @HttpCode(200)
  @Roles('admin', 'manager')
  confirm(@Param('id') id: string, @Body() body: ConfirmBreachRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new ConfirmBreach(id, { note: body.note, at: instant(body.at) }, user, rev));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('admin', 'manager')
  reject(@Param('id') id: string, @Body() body: RejectBreachRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new RejectBreach(id, { reason: body.reason, at: instant(body.at) }, user, rev));
  }
}
