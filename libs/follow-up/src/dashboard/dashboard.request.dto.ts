import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CASE_FIGURES, CaseFigure } from './dashboard-cases';
import { FollowUpQuery } from '../unit-follow-up/unit-follow-up.request.dto';

export class DashboardQuery extends FollowUpQuery {
  @ApiPropertyOptional({ description: 'one unit only' }) @IsOptional() @IsString() @MaxLength(64) unitId?: string;
  @ApiPropertyOptional({ description: 'the units of one department only' }) @IsOptional() @IsString() @MaxLength(200) department?: string;
}

export class DashboardCasesQuery extends DashboardQuery {
  @ApiProperty({ enum: CASE_FIGURES, description: 'the figure whose cases to list' }) @IsIn(CASE_FIGURES) figure: CaseFigure;
  @ApiPropertyOptional({ description: 'only cases of this category' }) @IsOptional() @IsString() @MaxLength(200) category?: string;
}
