import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { RegisterCaseRequest } from '@app/cases';
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
