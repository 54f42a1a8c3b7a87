import { ApiController } from '@app/platform';
import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { ErasePersonalData } from './erase-personal-data.command';
import { ErasePersonalDataRequest } from './erase-personal-data.request.dto';

@ApiController('data protection', 'api/cases')
export class ErasePersonalDataController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/erase-personal-data')
  @HttpCode(200)
  @Roles('admin')
  erase(@Param('id') id: string, @Body() body: ErasePersonalDataRequest, @CurrentUser() user: Principal) {
    return this.commands.execute(new ErasePersonalData(id, body.reason, 'request', user));
  }
}
