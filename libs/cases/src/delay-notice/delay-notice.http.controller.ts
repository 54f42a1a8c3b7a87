import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { BusinessTimeRequest, businessTime } from '../case-lifecycle/business-time.request.dto';
import { IsCalendarDate } from '@app/platform';
import { CaseCommands } from '../case-commands';

export class SendDelayNoticeRequest extends BusinessTimeRequest {
  @ApiProperty({ example: 'Utredningen kräver mer tid' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason: string;

  @ApiPropertyOptional({ example: '2026-04-15' })
  @IsOptional()
  @IsCalendarDate({ message: 'newRespondBy must be a calendar date YYYY-MM-DD' })
  newRespondBy?: string;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class SendDelayNoticeController {
  constructor(private readonly cases: CaseCommands) {}

  @Post(':id/delay-notice')
  @HttpCode(200)
  @Roles('manager', 'admin')
  delayNotice(
    @Param('id') id: string,
    @Body() body: SendDelayNoticeRequest,
    @CurrentUser() user: Principal,
    @IfMatch() expectedRevision?: bigint,
  ) {
    return this.cases.run(
      id,
      user,
      (now) => ({ type: 'SendDelayNotice', reason: body.reason, newRespondBy: body.newRespondBy, at: businessTime(body), now }),
      { expectedRevision },
    );
  }
}
