import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import type { Principal } from '@app/auth';
import type { StepBy } from './case-step.command';

/** Every lifecycle command may be dated in business time (not in the future, not before the previous step). */
export class BusinessTimeRequest {
  @ApiPropertyOptional({ description: 'when it happened (business time); default now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 instant' })
  at?: string;
}

/** Who takes a step on which case, as the request says: its business time, the If-Match revision. */
export const stepBy = (caseId: string, body: BusinessTimeRequest, user: Principal, expectedRevision?: bigint): StepBy => ({
  caseId,
  user,
  at: body.at ? new Date(body.at) : undefined,
  expectedRevision,
});
