import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { RenameUnit } from './rename-unit.command';
import { RenameUnitRequest } from './rename-unit.request.dto';

@ApiTags('units')
@ApiBearerAuth()
@Controller('api/units')
export class RenameUnitController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/rename')
  @HttpCode(200)
  @Roles('admin')
  rename(@Param('id') id: string, @Body() body: RenameUnitRequest, @CurrentUser() user: Principal, @IfMatch() expectedRevision?: bigint) {
    return this.commands.execute(new RenameUnit(id, body.name, actorOf(user), expectedRevision));
  }
}
