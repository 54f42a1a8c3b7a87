import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { GuaranteeContentInput } from '../guarantee.events';

export class CommitmentRequest {
  @ApiPropertyOptional({ example: 'svar', description: 'stable id; assigned (c1, c2, …) when absent' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'id must be 1–40 letters, digits, _ or -' })
  id?: string;

  @ApiProperty({ example: 'Vi svarar på dina synpunkter inom fem arbetsdagar.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  text: string;

  @ApiPropertyOptional({ example: 5, description: 'overrides the default response time for cases naming this commitment' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  responseWorkingDays?: number;
}

export class ContactRequest {
  @ApiProperty({ example: 'Anna Svensson, enhetschef' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiPropertyOptional({ example: '08-508 000 00' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,25}$/, { message: 'phone must be a phone number' })
  phone?: string;
  @ApiPropertyOptional({ example: 'anna.svensson@stockholm.se' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string;
}

/** The fields of a guarantee version, shared by create and revise. */
export class GuaranteeContentRequest {
  @ApiProperty({ example: 'Kvalitetsgaranti för Hägerstens gruppbostäder' }) @IsString() @IsNotEmpty() @MaxLength(300) title: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) intro?: string;

  @ApiProperty({ type: [CommitmentRequest] })
  @IsArray()
  @ArrayMinSize(1, { message: 'commitments must hold at least one commitment' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CommitmentRequest)
  commitments: CommitmentRequest[];

  @ApiProperty({ example: 'Om vi inte håller vad vi lovar kontaktar enhetschefen dig inom en vecka.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  remedy: string;

  @ApiProperty({ type: ContactRequest })
  @IsObject({ message: 'contact must be an object' })
  @ValidateNested()
  @Type(() => ContactRequest)
  contact: ContactRequest;
}

export class DraftGuaranteeRequest extends GuaranteeContentRequest {
  @ApiProperty({ example: 'hagerstens-gruppbostader' }) @IsString() @IsNotEmpty() @MaxLength(64) unitId: string;
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year: number;
}

/** The content as plain data for a command, with the fields the client gave. */
export function contentOf(r: GuaranteeContentRequest): GuaranteeContentInput {
  return { title: r.title, intro: r.intro, commitments: r.commitments.map((c) => ({ ...c })), remedy: r.remedy, contact: { ...r.contact } };
}
