import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { CloseUnit } from './close-unit.command';
import { CloseUnitRequest } from './close-unit.request.dto';

@ApiTags('units')
@ApiBearerAuth()
@Controller('api/units')
export class CloseUnitController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/close')
  @HttpCode(200)
  @Roles('admin')
  close(@Param('id') id: string, @Body() body: CloseUnitRequest, @CurrentUser() user: Principal, @IfMatch() expectedRevision?: bigint) {
    return this.commands.execute(new CloseUnit(id, body.reason, actorOf(user), expectedRevision));
  }
}
