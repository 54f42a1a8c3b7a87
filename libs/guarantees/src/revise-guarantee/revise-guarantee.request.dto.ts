import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { GuaranteeContentRequest } from '../draft-guarantee/guarantee-content.request.dto';

export class ReviseGuaranteeRequest extends GuaranteeContentRequest {
  /** Accepted for symmetry with create; a revision keeps the guarantee's unit and year. */
  @IsOptional() @IsString() @MaxLength(64) unitId?: string;
  @IsOptional() @IsInt() @Min(2000) @Max(2100) year?: number;
}
