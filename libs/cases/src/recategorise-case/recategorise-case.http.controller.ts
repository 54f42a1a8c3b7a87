import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '@app/auth';
import { CommandRoute, IfMatch } from '@app/platform';
import { RecategoriseCase } from './recategorise-case.command';
import { RecategoriseCaseRequest } from './recategorise-case.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class RecategoriseCaseController {
  constructor(private readonly commands: CommandBus) {}

  /** The unit's managers and admins put a case under another category of the list (an event on the case; figures follow). */
  @CommandRoute(':id/recategorise', 'manager', 'admin')
  recategorise(@Param('id') id: string, @Body() body: RecategoriseCaseRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new RecategoriseCase({ caseId: id, user, expectedRevision: rev }, body.category));
  }
}
