import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

/** A query's `year`: a whole calendar year the system can hold figures for. */
export const IsYear = () =>
  applyDecorators(
    ApiProperty({ example: 2026 }),
    Type(() => Number),
    IsInt({ message: 'year must be a year such as 2026' }),
    Min(2000),
    Max(2100),
  );

/** An optional true/false filter of a list query (`?overdue=true`), documented by what true keeps. */
export const TrueOrFalse = (description: string) =>
  applyDecorators(ApiPropertyOptional({ description }), IsOptional(), IsIn(['true', 'false']));

/** A TrueOrFalse filter's value: undefined when not given. */
export const trueOrFalse = (value?: string): boolean | undefined => (value === undefined ? undefined : value === 'true');
