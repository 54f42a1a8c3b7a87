import { isISO8601, ValidateBy, ValidationOptions } from 'class-validator';
import { isCalendarDate } from '@app/core';

const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A real calendar date `YYYY-MM-DD` (2026-02-30 is not one). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => typeof value === 'string' && isCalendarDate(value),
        defaultMessage: (args) => `${args?.property} must be a calendar date YYYY-MM-DD`,
      },
    },
    options,
  );
}

/** A calendar date `YYYY-MM-DD` (a Stockholm day) or an ISO 8601 instant with its offset. */
export function IsDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateOrInstant',
      validator: {
        validate: (value) =>
          typeof value === 'string' && (isCalendarDate(value) || (INSTANT_WITH_OFFSET.test(value) && isISO8601(value, { strict: true }))),
        defaultMessage: (args) => `${args?.property} must be a date YYYY-MM-DD or an ISO 8601 instant with offset`,
      },
    },
    options,
  );
}
