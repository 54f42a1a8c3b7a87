import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError } from '@app/core';

/** Thrown for request input that fails DTO validation; carries every offending field. */
export class RequestValidationException extends BadRequestException {
  constructor(readonly errors: FieldError[]) {
    super(`${errors.length} field${errors.length === 1 ? '' : 's'} failed validation`);
  }
}

/**
 * One FieldError per broken rule; a field left out (undefined or null) gets one "is required" instead of a message per
 * rule it could not meet (a DTO's own "… is required …" message wins). Needs the pipe's errors to carry `value`.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    const constraints = e.constraints ?? {};
    const messages = Object.entries(constraints).map(([rule, message]) =>
      rule === 'whitelistValidation' ? 'is not a known field' : message,
    );
    if (e.value == null && messages.length && !('whitelistValidation' in constraints)) {
      out.push({ field, message: messages.find((m) => / is required\b/.test(m)) ?? `${field} is required` });
    } else {
      for (const message of messages) out.push({ field, message });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/** Strict by default: unknown fields are rejected, types are transformed and checked. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // `value` tells a missing field from a wrong one (flattenValidationErrors); it never leaves this process.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new RequestValidationException(flattenValidationErrors(errors)),
  });
}
