import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsYear, ProjectionQuery } from '@app/platform';

export class VerksamhetsberattelseQuery extends ProjectionQuery {
  @IsYear()
  year: number;
}

export class RolledUpVerksamhetsberattelseQuery extends VerksamhetsberattelseQuery {
  @ApiPropertyOptional({ description: 'the units of one department' }) @IsOptional() @IsString() @MaxLength(200) department?: string;
  @ApiPropertyOptional({ description: 'the units of one district' }) @IsOptional() @IsString() @MaxLength(200) district?: string;
}
