import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { AdoptGuarantee } from './adopt-guarantee.command';
import { AdoptGuaranteeRequest } from './adopt-guarantee.request.dto';

@ApiTags('guarantees')
@ApiBearerAuth()
@Controller('api/guarantees')
export class AdoptGuaranteeController {
  constructor(private readonly commands: CommandBus) {}

  /** The board's decision; only an administrator records it. */
  @Post(':id/adopt')
  @HttpCode(200)
  @Roles('admin')
  adopt(@Param('id') id: string, @Body() body: AdoptGuaranteeRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new AdoptGuarantee(id, { decidedOn: body.decidedOn, decisionRef: body.decisionRef }, user, rev));
  }
}
