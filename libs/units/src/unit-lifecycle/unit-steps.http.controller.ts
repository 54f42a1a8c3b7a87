import { Body, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { actorOf, CurrentUser, Principal } from '@app/auth';
import { CommandRoute, IfMatch, ApiController } from '@app/platform';
import { CloseUnit } from '../close-unit/close-unit.command';
import { CloseUnitRequest } from '../close-unit/close-unit.request.dto';
import { RenameUnit } from '../rename-unit/rename-unit.command';
import { RenameUnitRequest } from '../rename-unit/rename-unit.request.dto';
import { SetUnitContact } from '../set-unit-contact/set-unit-contact.command';
import { SetUnitContactRequest } from '../set-unit-contact/set-unit-contact.request.dto';

/** An administrator renames or closes a unit, or sets its contact details: each its own route, DTO and command; one UnitStep handler. */
@ApiController('units', 'api/units')
export class UnitStepsController {
  constructor(private readonly commands: CommandBus) {}

  @CommandRoute(':id/rename', 'admin')
  rename(@Param('id') id: string, @Body() body: RenameUnitRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new RenameUnit(id, body.name, actorOf(user), rev));
  }

  @CommandRoute(':id/close', 'admin')
  close(@Param('id') id: string, @Body() body: CloseUnitRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new CloseUnit(id, body.reason, actorOf(user), rev));
  }

  @CommandRoute(':id/contact', 'admin')
  contact(@Param('id') id: string, @Body() body: SetUnitContactRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    const { email, phone, address, receiptText } = body;
    return this.commands.execute(new SetUnitContact(id, { email, phone, address, receiptText }, actorOf(user), rev));
  }
}
