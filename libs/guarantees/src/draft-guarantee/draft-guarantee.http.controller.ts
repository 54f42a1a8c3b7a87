import { ApiController } from '@app/platform';
import { Body, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { DraftGuarantee } from './draft-guarantee.command';
import { contentOf, DraftGuaranteeRequest } from './guarantee-content.request.dto';

@ApiController('guarantees', 'api/guarantees')
export class DraftGuaranteeController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('admin', 'manager')
  draft(@Body() body: DraftGuaranteeRequest, @CurrentUser() user: Principal) {
    return this.commands.execute(new DraftGuarantee(body.unitId, body.year, contentOf(body), user));
  }
}
