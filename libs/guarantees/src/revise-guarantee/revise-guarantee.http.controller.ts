import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { contentOf } from '../draft-guarantee/guarantee-content.request.dto';
import { ReviseGuarantee } from './revise-guarantee.command';
import { ReviseGuaranteeRequest } from './revise-guarantee.request.dto';

@ApiTags('guarantees')
@ApiBearerAuth()
@Controller('api/guarantees')
export class ReviseGuaranteeController {
  constructor(private readonly commands: CommandBus) {}

  /** A new draft version (or a changed draft); the adopted version stays as it was. */
  @Post(':id/revise')
  @HttpCode(200)
  @Roles('admin', 'manager')
  revise(@Param('id') id: string, @Body() body: ReviseGuaranteeRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new ReviseGuarantee(id, { content: contentOf(body) }, user, rev));
  }
}
