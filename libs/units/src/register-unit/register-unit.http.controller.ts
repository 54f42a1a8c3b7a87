import { ApiController } from '@app/platform';
import { Body, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { actorOf, CurrentUser, Principal, Roles } from '@app/auth';
import { RegisterUnit } from './register-unit.command';
import { RegisterUnitRequest } from './register-unit.request.dto';

@ApiController('units', 'api/units')
export class RegisterUnitController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('admin')
  register(@Body() body: RegisterUnitRequest, @CurrentUser() user: Principal) {
    const { id, name, department, district } = body;
    return this.commands.execute(new RegisterUnit({ id, name, department, district }, actorOf(user)));
  }
}
