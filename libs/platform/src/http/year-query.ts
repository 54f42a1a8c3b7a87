import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** A query's `year`: a whole calendar year the system can hold figures for. */
export const IsYear = () =>
  applyDecorators(
    ApiProperty({ example: 2026 }),
    Type(() => Number),
    IsInt({ message: 'year must be a year such as 2026' }),
    Min(2000),
    Max(2100),
  );
