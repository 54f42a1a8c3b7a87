import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { BusinessTimeRequest } from '../case-lifecycle/business-time.request.dto';
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
