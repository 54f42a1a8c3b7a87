import { applyDecorators, Controller, UseFilters } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { Open311Error } from './open311-error';
import { Open311ExceptionFilter } from './open311-exception.filter';

export const OPEN311_BASE = 'open311/v2';

/** An Open311 controller: under /open311/v2, open to callers without a token, errors in Open311 form. */
export const Open311Controller = () =>
  applyDecorators(ApiTags('open311'), Public(), UseFilters(Open311ExceptionFilter), Controller(OPEN311_BASE));

/** `{id}.json` → id. Only JSON is served. */
export function jsonResource(file: string, what: string): string {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  if (m?.[2] === 'xml') throw Open311Error.invalid(['XML is not offered by this server; use .json']);
  if (!m) throw Open311Error.notFound(`${what} ${file}`);
  return m[1];
}
