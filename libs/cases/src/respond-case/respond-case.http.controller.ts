import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { BusinessTimeRequest, businessTime } from '../case-lifecycle/business-time.request.dto';
import { CaseCommands } from '../case-commands';
import { Outcome, OUTCOMES } from '../case.events';

export class RespondCaseRequest extends BusinessTimeRequest {
  @ApiProperty({ example: 'Tack för din synpunkt. Vi har …' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  message: string;

  @ApiPropertyOptional({ enum: OUTCOMES })
  @IsOptional()
  @IsIn(OUTCOMES, { message: `outcome must be one of ${OUTCOMES.join(', ')}` })
  outcome?: Outcome;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class RespondCaseController {
  constructor(private readonly cases: CaseCommands) {}

  @Post(':id/respond')
  @HttpCode(200)
  @Roles('manager', 'admin')
  respond(@Param('id') id: string, @Body() body: RespondCaseRequest, @CurrentUser() user: Principal, @IfMatch() expectedRevision?: bigint) {
    return this.cases.run(
      id,
      user,
      (now) => ({ type: 'RespondCase', message: body.message, outcome: body.outcome, at: businessTime(body), now }),
      { expectedRevision },
    );
  }
}
