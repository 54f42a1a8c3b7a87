import { ApiController } from '@app/platform';
import { Body, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { RegisterCase } from './register-case.command';
import { RegisterCaseRequest, registrationOf } from './register-case.request.dto';

@ApiController('cases', 'api/cases')
export class RegisterCaseController {
  constructor(private readonly commands: CommandBus) {}

  /** Intake registers feedback from any channel; managers and admins may too. */
  @Post()
  @Roles('intake', 'manager', 'admin')
  register(@Body() body: RegisterCaseRequest, @CurrentUser() user: Principal) {
    return this.commands.execute(new RegisterCase(registrationOf(body), user));
  }
}
