import { Body, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentUser, Principal } from '@app/auth';
import { Open311Controller } from '../open311-route';
import { Open311KeyGuard } from './open311-key.guard';
import { FileServiceRequest } from './post-request.command';

@Open311Controller()
export class PostRequestController {
  constructor(private readonly commands: CommandBus) {}

  /** application/x-www-form-urlencoded; the api_key travels in the body (never the URL, which is logged): see Open311KeyGuard. */
  @Post('requests.json')
  @UseGuards(Open311KeyGuard)
  create(@Body() body: Record<string, unknown> = {}, @CurrentUser() client: Principal) {
    return this.commands.execute(new FileServiceRequest(body, client));
  }
}
