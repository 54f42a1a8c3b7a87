import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { contentOf, GuaranteeContentRequest } from '../draft-guarantee/guarantee-content.request.dto';
import { GuaranteeCommands } from '../guarantee-command';

export class ReviseGuaranteeRequest extends GuaranteeContentRequest {
  /** Accepted for symmetry with create; a revision keeps the guarantee's unit and year. */
  @IsOptional() @IsString() @MaxLength(64) unitId?: string;
  @IsOptional() @IsInt() @Min(2000) @Max(2100) year?: number;
}

@ApiTags('guarantees')
@ApiBearerAuth()
@Controller('api/guarantees')
export class ReviseGuaranteeController {
  constructor(private readonly guarantees: GuaranteeCommands) {}

  /** A new draft version (or a changed draft); the adopted version stays as it was. */
  @Post(':id/revise')
  @HttpCode(200)
  @Roles('admin', 'manager')
  revise(@Param('id') id: string, @Body() body: ReviseGuaranteeRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.guarantees.run(id, user, (now) => ({ type: 'ReviseGuarantee', guaranteeId: id, content: contentOf(body), now }), rev);
  }
}
