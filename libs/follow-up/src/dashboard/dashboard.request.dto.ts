import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { FollowUpQuery } from '../unit-follow-up/unit-follow-up.request.dto';

export class DashboardQuery extends FollowUpQuery {
  @ApiPropertyOptional({ description: 'one unit only' }) @IsOptional() @IsString() @MaxLength(64) unitId?: string;
  @ApiPropertyOptional({ description: 'the units of one department only' }) @IsOptional() @IsString() @MaxLength(200) department?: string;
}
