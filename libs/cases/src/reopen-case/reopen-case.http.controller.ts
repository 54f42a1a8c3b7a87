import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { BusinessTimeRequest, businessTime } from '../case-lifecycle/business-time.request.dto';
import { CaseCommands } from '../case-commands';

export class ReopenCaseRequest extends BusinessTimeRequest {
  @ApiProperty({ example: 'Problemet kvarstår' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason: string;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class ReopenCaseController {
  constructor(private readonly cases: CaseCommands) {}

  @Post(':id/reopen')
  @HttpCode(200)
  @Roles('manager', 'admin')
  reopen(@Param('id') id: string, @Body() body: ReopenCaseRequest, @CurrentUser() user: Principal, @IfMatch() expectedRevision?: bigint) {
    return this.cases.run(id, user, (now) => ({ type: 'ReopenCase', reason: body.reason, at: businessTime(body), now }), {
      expectedRevision,
    });
  }
}
