import { HttpException } from '@nestjs/common';
import { DomainError, FieldError, InvalidInputError } from '@app/core';
import { RequestValidationException } from '@app/platform';

export interface Open311ErrorItem {
  code: number;
  description: string;
}

/** An error already in Open311 terms: the HTTP status and one or more `{code, description}`. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    readonly descriptions: string[],
  ) {
    super(descriptions.join('; '));
  }
  static missing = (argument: string) => new Open311Error(400, [`${argument} was not provided`]);
  static invalid = (errors: string[]) => new Open311Error(400, errors);
  static notFound = (what: string) => new Open311Error(404, [`${what} was not found`]);
  static key = () => new Open311Error(403, ['Invalid or missing api_key; ask the city for a key']);
}

/** Our field names, as the case command knows them, back to the Open311 argument the client sent. */
const ARGUMENTS: Record<string, string> = {
  unitId: 'service_code',
  description: 'description',
  'submitter.name': 'first_name/last_name',
  'submitter.email': 'email',
  'submitter.phone': 'phone',
  'location.address': 'address_string',
  'location.lat': 'lat',
  'location.long': 'long',
  wantsReply: 'attribute[wants_reply]',
  guaranteeId: 'attribute[guarantee_commitment]',
  commitmentId: 'attribute[guarantee_commitment]',
};

const argumentErrors = (errors: FieldError[]) =>
  errors.map((e) => {
    const argument = ARGUMENTS[e.field] ?? e.field;
    const message = e.message.startsWith(`${e.field} `) ? e.message.slice(e.field.length + 1) : e.message;
    return `${argument}: ${message}`;
  });

/** Any error as Open311 sees it: 403 key, 404 unknown, 400 for everything the client can fix; 500 only for our faults. */
export function toOpen311(exception: unknown): { status: number; body: Open311ErrorItem[] } {
  const out = (status: number, descriptions: string[]) => ({
    status,
    body: descriptions.map((description) => ({ code: status, description })),
  });
  if (exception instanceof Open311Error) return out(exception.status, exception.descriptions);
  if (exception instanceof RequestValidationException || exception instanceof InvalidInputError)
    return out(400, argumentErrors(exception.errors));
  if (exception instanceof DomainError) {
    if (exception.status === 404) return out(404, [exception.message]);
    if (exception.status === 403) return out(403, [exception.message]);
    return out(400, [exception.message]);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return out(status === 404 || status === 403 || status >= 500 ? status : 400, [exception.message]);
  }
  return out(500, ['An unexpected error occurred; it has been logged.']);
}
