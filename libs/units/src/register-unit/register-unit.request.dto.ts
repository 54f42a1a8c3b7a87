import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export class RegisterUnitRequest {
  @ApiProperty({ example: 'hagerstens-gruppbostader', description: 'stable slug' })
  @IsString()
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'id must be a slug: lower-case letters, digits and single hyphens' })
  @MaxLength(64)
  id: string;

  @ApiProperty({ example: 'Hägerstens gruppbostäder' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Social omsorg' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  department: string;

  @ApiProperty({ example: 'Hägersten-Liljeholmen' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  district: string;
}
