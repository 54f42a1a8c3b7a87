import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { FieldError } from '@app/core';
import { RequestValidationException } from '@app/platform';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export class CategoryRequest {
  @ApiProperty({ example: 'mat-och-maltider', description: 'stable slug: what cases record' })
  @IsString()
  @MaxLength(64)
  id: string;

  @ApiProperty({ example: 'Mat och måltider' })
  @IsString()
  @MaxLength(100)
  label: string;
}

export class SetCategoriesRequest {
  @ApiProperty({ type: [CategoryRequest], description: 'the whole list, in the order it is shown' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CategoryRequest)
  categories: CategoryRequest[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { Mat: 'mat-och-maltider', Måltider: 'mat-och-maltider' },
    description: 'old free-text values (case and spaces do not matter) → a category id on the list; the figures group by it',
  })
  @IsOptional()
  @IsObject({ message: 'mappings must be an object of old value → category id' })
  mappings?: Record<string, string>;
}

/** The mappings as plain data, each value checked to be text (class-validator does not look inside a record): a 400 otherwise. */
export function mappingsOf(body: SetCategoriesRequest): Record<string, string> {
  const entries = Object.entries(body.mappings ?? {});
  const errors: FieldError[] = [];
  if (entries.length > 1000) errors.push({ field: 'mappings', message: 'at most 1000 old values' });
  for (const [from, to] of entries) {
    if (typeof to !== 'string') errors.push({ field: `mappings.${from}`, message: 'must be a category id (text)' });
    if (from.length > 100) errors.push({ field: 'mappings', message: 'an old value is at most 100 characters' });
  }
  if (errors.length) throw new RequestValidationException(errors);
  return Object.fromEntries(entries) as Record<string, string>;
}
