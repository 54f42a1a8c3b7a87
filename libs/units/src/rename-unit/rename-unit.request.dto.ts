import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class RenameUnitRequest {
  @ApiProperty({ example: 'Gruppbostäder Hägersten' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}
