import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { CaseCommands } from '../case-commands';
import { SubmitterRequest } from '../register-case/register-case.request.dto';

export class RectifySubmitterRequest {
  @ApiProperty({ type: SubmitterRequest, description: 'the corrected contact details; they replace the recorded ones' })
  @IsObject({ message: 'submitter must be an object' })
  @ValidateNested()
  @Type(() => SubmitterRequest)
  submitter: SubmitterRequest;
}

@ApiTags('data protection')
@ApiBearerAuth()
@Controller('api/cases')
export class RectifySubmitterController {
  constructor(private readonly cases: CaseCommands) {}

  /** GDPR art. 16: the unit's manager or an admin corrects the submitter's contact details (sealed like the rest). */
  @Post(':id/rectify-submitter')
  @HttpCode(200)
  @Roles('manager', 'admin')
  rectify(@Param('id') id: string, @Body() body: RectifySubmitterRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.cases.run(id, user, (now) => ({ type: 'RectifySubmitter', submitter: { ...body.submitter }, now }), {
      expectedRevision: rev,
    });
  }
}
