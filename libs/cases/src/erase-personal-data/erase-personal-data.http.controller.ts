import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { actorOf, CurrentUser, Principal, Roles } from '@app/auth';
import { CLOCK, Clock } from '@app/core';
import { eventMetadata, ResourceResult } from '@app/platform';
import { toCaseView } from '../case.view';
import { PersonalDataEraser } from './personal-data-eraser';

export class ErasePersonalDataRequest {
  @ApiProperty({ example: 'Begäran om radering enligt GDPR art. 17, dnr 2026/123' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

@ApiTags('data protection')
@ApiBearerAuth()
@Controller('api/cases')
export class ErasePersonalDataController {
  constructor(
    private readonly eraser: PersonalDataEraser,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':id/erase-personal-data')
  @HttpCode(200)
  @Roles('admin')
  async erase(@Param('id') id: string, @Body() body: ErasePersonalDataRequest, @CurrentUser() user: Principal) {
    const result = await this.eraser.erase(id, body.reason, 'request', actorOf(user), eventMetadata(actorOf(user)));
    return new ResourceResult(
      toCaseView(
        { ...result.state, description: { erased: true }, submitter: result.state.submitter && { erased: true } },
        this.clock.now(),
        true,
      ),
      result.revision,
      result.position,
    );
  }
}
