import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CloseUnitRequest {
  @ApiPropertyOptional({ example: 'Sammanslagen med Liljeholmens gruppbostäder' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
