import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** The unit's functional contact details (not a person's): the whole set, which replaces the earlier one. */
export class SetUnitContactRequest {
  @ApiPropertyOptional({ example: 'hagerstens.gruppbostader@kommun.example' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '08-508 000 00' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9][0-9 ()-]{3,28}[0-9]$/, { message: 'phone must be a phone number: digits, spaces, +, - and ()' })
  phone?: string;

  @ApiPropertyOptional({ example: 'Box 123, 129 00 Hägersten' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;

  @ApiPropertyOptional({ description: "The unit's own receipt text, instead of the default template's" })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  receiptText?: string;
}
