import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class RecategoriseCaseRequest {
  @ApiProperty({ example: 'mat-och-maltider', description: 'a category of GET /api/categories, by its id or its label' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  category: string;
}
