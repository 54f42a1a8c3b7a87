import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { BusinessTimeRequest, businessTime } from '../case-lifecycle/business-time.request.dto';
import { CaseCommands } from '../case-commands';

export class AwaitComplainantRequest extends BusinessTimeRequest {
  @ApiProperty({ example: 'Vilken dag hände det?' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  question: string;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class AwaitComplainantController {
  constructor(private readonly cases: CaseCommands) {}

  @Post(':id/await-complainant')
  @HttpCode(200)
  @Roles('manager', 'admin')
  awaitComplainant(
    @Param('id') id: string,
    @Body() body: AwaitComplainantRequest,
    @CurrentUser() user: Principal,
    @IfMatch() expectedRevision?: bigint,
  ) {
    return this.cases.run(id, user, (now) => ({ type: 'AwaitComplainant', question: body.question, at: businessTime(body), now }), {
      expectedRevision,
    });
  }
}
