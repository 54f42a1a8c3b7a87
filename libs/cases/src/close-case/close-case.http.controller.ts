import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { BusinessTimeRequest, businessTime } from '../case-lifecycle/business-time.request.dto';
import { CaseCommands } from '../case-commands';
import { RESOLUTIONS } from '../case.events';

export class CloseCaseRequest extends BusinessTimeRequest {
  @ApiProperty({ enum: RESOLUTIONS })
  @IsIn(RESOLUTIONS, { message: `resolution must be one of ${RESOLUTIONS.join(', ')}` })
  resolution: (typeof RESOLUTIONS)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class CloseCaseController {
  constructor(private readonly cases: CaseCommands) {}

  @Post(':id/close')
  @HttpCode(200)
  @Roles('manager', 'admin')
  close(@Param('id') id: string, @Body() body: CloseCaseRequest, @CurrentUser() user: Principal, @IfMatch() expectedRevision?: bigint) {
    return this.cases.run(
      id,
      user,
      (now) => ({ type: 'CloseCase', resolution: body.resolution, note: body.note, at: businessTime(body), now }),
      { expectedRevision },
    );
  }
}
