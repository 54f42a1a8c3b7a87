import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { actorOf, CurrentUser, Principal, Roles } from '@app/auth';
import { CLOCK, Clock } from '@app/core';
import { eventMetadata, ResourceResult } from '@app/platform';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { toCommandView } from '../case.view';
import { loadCase } from '../load-case';
import { PersonalDataEraser } from './personal-data-eraser';

export class ErasePersonalDataRequest {
  @ApiProperty({
    example: 'Begäran om radering enligt GDPR art. 17, dnr 2026/123',
    description: 'An administrative note, kept in the clear in the log: it must hold no personal data (no names, no details of the case).',
  })
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
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':id/erase-personal-data')
  @HttpCode(200)
  @Roles('admin')
  async erase(@Param('id') id: string, @Body() body: ErasePersonalDataRequest, @CurrentUser() user: Principal) {
    const result = await this.eraser.erase(id, body.reason, 'request', actorOf(user), eventMetadata(actorOf(user)));
    // Read again after the shred, so every personal field (the place too) answers as erased, not as it was decided.
    const state = await loadCase(this.store, id);
    return new ResourceResult(toCommandView(state, user, this.clock.now()), result.revision, result.position, { kind: 'case', id });
  }
}
