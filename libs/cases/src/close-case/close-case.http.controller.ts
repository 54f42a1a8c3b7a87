import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { stepBy } from '../case-lifecycle/business-time.request.dto';
import { CloseCase } from './close-case.command';
import { CloseCaseRequest } from './close-case.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class CloseCaseController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/close')
  @HttpCode(200)
  @Roles('manager', 'admin')
  close(@Param('id') id: string, @Body() body: CloseCaseRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new CloseCase(stepBy(id, body, user, rev), { resolution: body.resolution, note: body.note }));
  }
}
