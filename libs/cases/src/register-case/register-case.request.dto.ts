import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CASE_TYPES, CaseType, Channel, CHANNELS } from '../case.events';
import type { Registration } from './register-case.command';

export class SubmitterRequest {
  @ApiPropertyOptional({ example: 'Eva Ek' }) @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ example: 'eva.ek@example.se' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string;
  @ApiPropertyOptional({ example: '070-123 45 67' })
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 ()-]{4,24}$/, { message: 'phone must be a phone number (digits, spaces, - and an optional leading +)' })
  phone?: string;
  @ApiPropertyOptional({ example: 'Storgatan 1, 126 00 Hägersten' }) @IsOptional() @IsString() @MaxLength(400) address?: string;
}

export class LocationRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(400) address?: string;
  @ApiPropertyOptional({ example: 59.3 })
  @ValidateIf((o) => o.lat !== undefined || o.long !== undefined)
  @IsNumber()
  @Min(-90)
  @Max(90)
  lat?: number;
  @ApiPropertyOptional({ example: 18.0 })
  @ValidateIf((o) => o.lat !== undefined || o.long !== undefined)
  @IsNumber()
  @Min(-180)
  @Max(180)
  long?: number;
}

export class RegisterCaseRequest {
  @ApiProperty({ enum: CASE_TYPES }) @IsIn(CASE_TYPES, { message: `type must be one of ${CASE_TYPES.join(', ')}` }) type: CaseType;
  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS, { message: `channel must be one of ${CHANNELS.join(', ')}` }) channel: Channel;
  @ApiProperty({ example: 'hagerstens-gruppbostader' }) @IsString() @IsNotEmpty() @MaxLength(64) unitId: string;
  @ApiPropertyOptional({ description: 'when it reached the city (default: now)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'receivedAt must be an ISO 8601 instant' })
  receivedAt?: string;
  @ApiPropertyOptional({ example: 'mat-och-maltider', description: 'a category of GET /api/categories, by its id or its label' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  category?: string;
  @ApiProperty({ example: 'Maten på förskolan var kall tre dagar i rad.' })
  @IsString()
  @IsNotEmpty({ message: 'description must be 1–4000 characters' })
  @Matches(/\S/, { message: 'description must not be blank' })
  @MaxLength(4000, { message: 'description must be 1–4000 characters' })
  description: string;
  @ApiPropertyOptional({ type: SubmitterRequest })
  @IsOptional()
  @IsObject({ message: 'submitter must be an object' })
  @ValidateNested()
  @Type(() => SubmitterRequest)
  submitter?: SubmitterRequest;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() wantsReply?: boolean;
  @ApiPropertyOptional({ type: LocationRequest })
  @IsOptional()
  @IsObject({ message: 'location must be an object' })
  @ValidateNested()
  @Type(() => LocationRequest)
  location?: LocationRequest;
  @ApiPropertyOptional()
  @ValidateIf((o) => o.commitmentId !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'guaranteeId is required with commitmentId' })
  @MaxLength(100)
  guaranteeId?: string;
  @ApiPropertyOptional()
  @ValidateIf((o) => o.guaranteeId !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'commitmentId is required with guaranteeId' })
  @MaxLength(40)
  commitmentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() confidential?: boolean;
}

/** The registration a request asks for, as plain data (dates parsed, nested objects copied). */
export function registrationOf(r: RegisterCaseRequest): Registration {
  return {
    caseType: r.type,
    channel: r.channel,
    unitId: r.unitId,
    receivedAt: r.receivedAt ? new Date(r.receivedAt) : undefined,
    category: r.category,
    description: r.description,
    submitter: r.submitter ? { ...r.submitter } : undefined,
    wantsReply: r.wantsReply,
    location: r.location ? { ...r.location } : undefined,
    guaranteeId: r.guaranteeId,
    commitmentId: r.commitmentId,
    confidential: r.confidential,
  };
}
