import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** An optional position in a query: a token taken from a page or a header, validated as a whole number. */
export const PositionField = (name: string, description: string) =>
  applyDecorators(
    ApiPropertyOptional({ description }),
    IsOptional(),
    Matches(/^\d{1,18}$/, { message: `${name} must be a position (a whole number)` }),
  );
