import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { BusinessTimeRequest, businessTime } from '../case-lifecycle/business-time.request.dto';
import { CaseCommands } from '../case-commands';

export class AssignCaseRequest extends BusinessTimeRequest {
  @ApiProperty({ example: 'Karin Berg' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  assignee: string;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class AssignCaseController {
  constructor(private readonly cases: CaseCommands) {}

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('manager', 'admin')
  assign(@Param('id') id: string, @Body() body: AssignCaseRequest, @CurrentUser() user: Principal, @IfMatch() expectedRevision?: bigint) {
    return this.cases.run(id, user, (now) => ({ type: 'AssignCase', assignee: body.assignee, at: businessTime(body), now }), {
      expectedRevision,
    });
  }
}
