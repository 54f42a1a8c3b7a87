import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { WithdrawGuarantee } from './withdraw-guarantee.command';
import { WithdrawGuaranteeRequest } from './withdraw-guarantee.request.dto';

@ApiTags('guarantees')
@ApiBearerAuth()
@Controller('api/guarantees')
export class WithdrawGuaranteeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('admin')
  withdraw(@Param('id') id: string, @Body() body: WithdrawGuaranteeRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new WithdrawGuarantee(id, { reason: body.reason }, user, rev));
  }
}
