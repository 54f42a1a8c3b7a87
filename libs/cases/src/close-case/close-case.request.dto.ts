import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { BusinessTimeRequest } from '../case-lifecycle/business-time.request.dto';
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
