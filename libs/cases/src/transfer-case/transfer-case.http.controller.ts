import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { BusinessTimeRequest, businessTime } from '../case-lifecycle/business-time.request.dto';
import { CaseCommands } from '../case-commands';
import { Inject } from '@nestjs/common';
import { InvalidInputError } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { loadUnit } from '@app/units';

export class TransferCaseRequest extends BusinessTimeRequest {
  @ApiProperty({ example: 'forskolan-solrosen' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  toUnitId: string;

  @ApiProperty({ example: 'Gäller en annan enhet' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class TransferCaseController {
  constructor(
    private readonly cases: CaseCommands,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post(':id/transfer')
  @HttpCode(200)
  @Roles('manager', 'admin', 'intake')
  async transfer(
    @Param('id') id: string,
    @Body() body: TransferCaseRequest,
    @CurrentUser() user: Principal,
    @IfMatch() expectedRevision?: bigint,
  ) {
    const target = await loadUnit(this.store, body.toUnitId);
    if (!target.exists) throw new InvalidInputError([{ field: 'toUnitId', message: `no unit has the id ${body.toUnitId}` }]);
    return this.cases.run(
      id,
      user,
      (now) => ({
        type: 'TransferCase',
        toUnitId: body.toUnitId,
        toUnitOpen: target.status === 'open',
        reason: body.reason,
        at: businessTime(body),
        now,
      }),
      { expectedRevision, intakeMay: true },
    );
  }
}
