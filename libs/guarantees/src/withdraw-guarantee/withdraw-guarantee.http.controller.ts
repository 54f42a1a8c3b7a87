import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { GuaranteeCommands } from '../guarantee-command';

export class WithdrawGuaranteeRequest {
  @ApiProperty({ example: 'Verksamheten läggs ned' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
}

@ApiTags('guarantees')
@ApiBearerAuth()
@Controller('api/guarantees')
export class WithdrawGuaranteeController {
  constructor(private readonly guarantees: GuaranteeCommands) {}

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('admin')
  withdraw(@Param('id') id: string, @Body() body: WithdrawGuaranteeRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.guarantees.run(id, user, (now) => ({ type: 'WithdrawGuarantee', guaranteeId: id, reason: body.reason, now }), rev);
  }
}
