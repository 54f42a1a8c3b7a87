import { STATUS_CODES } from 'node:http';
import { FieldError } from '@app/core';

/** RFC 9457 problem details, as every error response of the API is shaped. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problem(status: number, detail?: string, extra: Partial<Problem> = {}): Problem {
  const title = STATUS_CODES[status] ?? 'Error';
  const code = extra.code;
  return {
    type: code ? `urn:synpunkt:problem:${code}` : 'about:blank',
    title,
    status,
    ...(detail ? { detail } : {}),
    ...extra,
  };
}
