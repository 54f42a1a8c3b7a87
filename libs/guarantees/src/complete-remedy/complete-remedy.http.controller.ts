import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { BreachCommands } from '../breach-commands';

export class CompleteRemedyRequest {
  @ApiPropertyOptional({ description: 'when the remedy was completed (business time); default now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'completedAt must be an ISO 8601 instant' })
  completedAt?: string;
  @ApiProperty({ example: 'Nytt möte hölls; brukaren nöjd.' }) @IsString() @IsNotEmpty() @MaxLength(4000) outcome: string;
  @ApiProperty() @IsBoolean() complainantInformed: boolean;
}

@ApiTags('breaches')
@ApiBearerAuth()
@Controller('api/breaches')
export class CompleteRemedyController {
  constructor(private readonly breaches: BreachCommands) {}

  @Post(':id/remedies/:remedyId/complete')
  @HttpCode(200)
  @Roles('admin', 'manager')
  complete(
    @Param('id') id: string,
    @Param('remedyId') remedyId: string,
    @Body() body: CompleteRemedyRequest,
    @CurrentUser() user: Principal,
    @IfMatch() rev?: bigint,
  ) {
    return this.breaches.run(
      id,
      user,
      (now) => ({
        type: 'CompleteRemedy',
        breachId: id,
        remedyId,
        completedAt: body.completedAt ? new Date(body.completedAt) : undefined,
        outcome: body.outcome,
        complainantInformed: body.complainantInformed,
        now,
      }),
      rev,
    );
  }
}
