import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CompareParam, FollowUpQuery } from '../unit-follow-up/unit-follow-up.request.dto';

export class YearlyReportQuery extends FollowUpQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) department?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) district?: string;
  @CompareParam() @IsOptional() @IsIn(['true', 'false']) compare?: 'true' | 'false';
}
