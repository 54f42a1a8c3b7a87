import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch, IsCalendarDate, ResourceResult } from '@app/platform';
import { BreachCommands } from '../breach-commands';
import { REMEDY_KIND, toRemedyView } from './remedy.view';

export class PlanRemedyRequest {
  @ApiProperty({ example: 'Enhetschefen ringer upp och bokar ett nytt möte.' }) @IsString() @IsNotEmpty() @MaxLength(4000) action: string;
  @ApiProperty({ example: 'Anna Svensson, enhetschef' }) @IsString() @IsNotEmpty() @MaxLength(200) responsible: string;
  @ApiProperty({ example: '2026-03-15' }) @IsCalendarDate({ message: 'dueOn must be a calendar date YYYY-MM-DD' }) dueOn: string;
  @ApiPropertyOptional({ description: 'when it was planned (business time); default now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 instant' })
  at?: string;
}

@ApiTags('breaches')
@ApiBearerAuth()
@Controller('api/breaches')
export class PlanRemedyController {
  constructor(private readonly breaches: BreachCommands) {}

  /** A rättelse action on a confirmed breach. */
  @Post(':id/remedies')
  @Roles('admin', 'manager')
  async plan(@Param('id') id: string, @Body() body: PlanRemedyRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    const remedyId = randomUUID();
    const result = await this.breaches.execute(
      id,
      user,
      (now) => ({
        type: 'PlanRemedy',
        breachId: id,
        remedyId,
        action: body.action,
        responsible: body.responsible,
        dueOn: body.dueOn,
        at: body.at ? new Date(body.at) : undefined,
        now,
      }),
      rev,
    );
    return new ResourceResult(toRemedyView(result.state, remedyId), result.revision, result.position, {
      kind: REMEDY_KIND,
      id: `${id}/${remedyId}`,
    });
  }
}
