import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { PlanRemedy } from './plan-remedy.command';
import { PlanRemedyRequest } from './plan-remedy.request.dto';

@ApiTags('breaches')
@ApiBearerAuth()
@Controller('api/breaches')
export class PlanRemedyController {
  constructor(private readonly commands: CommandBus) {}

  /** A rättelse action on a confirmed breach. */
  @Post(':id/remedies')
  @Roles('admin', 'manager')
  plan(@Param('id') id: string, @Body() body: PlanRemedyRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    const { action, responsible, dueOn } = body;
    return this.commands.execute(
      new PlanRemedy(id, { action, responsible, dueOn, at: body.at ? new Date(body.at) : undefined }, user, rev),
    );
  }
}
