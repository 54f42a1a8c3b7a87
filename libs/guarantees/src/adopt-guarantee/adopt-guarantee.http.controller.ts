import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch, IsCalendarDate } from '@app/platform';
import { GuaranteeCommands } from '../guarantee-command';

export class AdoptGuaranteeRequest {
  @ApiProperty({ example: '2026-01-21' })
  @IsCalendarDate({ message: 'decidedOn must be a calendar date YYYY-MM-DD' })
  decidedOn: string;

  @ApiProperty({ example: '§ 7, dnr 1.2-600/2026' }) @IsString() @IsNotEmpty() @MaxLength(200) decisionRef: string;
}

@ApiTags('guarantees')
@ApiBearerAuth()
@Controller('api/guarantees')
export class AdoptGuaranteeController {
  constructor(private readonly guarantees: GuaranteeCommands) {}

  /** The board's decision; only an administrator records it. */
  @Post(':id/adopt')
  @HttpCode(200)
  @Roles('admin')
  adopt(@Param('id') id: string, @Body() body: AdoptGuaranteeRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.guarantees.run(
      id,
      user,
      (now) => ({ type: 'AdoptGuarantee', guaranteeId: id, decidedOn: body.decidedOn, decisionRef: body.decisionRef, now }),
      rev,
    );
  }
}
