import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { RegisterCaseRequest } from '@app/cases';
import { stockholmDate } from '@app/core';
import { flattenValidationErrors, RequestValidationException } from '@app/platform';
import { ParsedOpen311Request } from './open311-request.parser';

/** The same DTO and rules as POST /api/cases, checked as the global validation pipe would check them. */
export async function toRegisterCaseRequest(parsed: ParsedOpen311Request): Promise<RegisterCaseRequest> {
  const request = plainToInstance(RegisterCaseRequest, parsed.request);
  const errors = await validate(request, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length) throw new RequestValidationException(flattenValidationErrors(errors));
  return request;
}

/** The notice returned on filing: where it went, when to expect a reply, and that a location was optional. */
export function filingNotice(
  view: { reference: string; needsResponse: boolean; respondBy: string },
  unitName: string,
  hadLocation: boolean,
  respondByDate: string,
): string {
  return [
    `Tack! Synpunkten är registrerad som ${view.reference} hos ${unitName}.`,
    view.needsResponse ? `Du får svar senast ${respondByDate}.` : 'Inget svar har begärts.',
    hadLocation ? '' : 'Ingen plats angavs; den behövs bara när synpunkten gäller en viss plats.',
  ]
    .filter(Boolean)
    .join(' ');
}

/** What filing a request answers, and what a replay of the filing reads again from the case (kind `open311-request`). */
export function filingAnswer(
  c: { reference: string; needsResponse: boolean; respondBy: string },
  unitName: string,
  hadLocation: boolean,
): FilingAnswer {
  return [
    {
      service_request_id: c.reference,
      service_notice: filingNotice(c, unitName, hadLocation, stockholmDate(c.respondBy)),
      account_id: null,
    },
  ];
}

export type FilingAnswer = { service_request_id: string; service_notice: string; account_id: null }[];

export const OPEN311_REQUEST_KIND = 'open311-request';
