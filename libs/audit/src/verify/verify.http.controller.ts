import { ApiController } from '@app/platform';
import { Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { actorOf, CurrentUser, Principal, Roles } from '@app/auth';
import { GetLatestDigest } from '../digests/latest-digest.query';
import { RecordLogDigest } from '../digests/record-log-digest.command';
import { ListDisclosures } from '../disclosures/list-disclosures.query';
import { VerifyLog } from './verify.query';
import { VerifyQuery } from './verify.request.dto';

@ApiController('audit', 'api/audit')
export class VerifyController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  /** The hash chains, the columns they do not cover, the reference series; with `digest`, the log as a whole (see VerifyLog). */
  @Get('verify')
  @Roles('auditor', 'admin')
  verify(@Query() q: VerifyQuery) {
    return this.queries.execute(new VerifyLog(q.digest ? { digest: q.digest, position: q.position } : undefined));
  }

  /** Records a digest of the whole log as an event, signed when the server has a key; export or publish it. */
  @Post('digests')
  @HttpCode(201)
  @Roles('admin')
  record(@CurrentUser() user: Principal) {
    return this.commands.execute(new RecordLogDigest(actorOf(user)));
  }

  @Get('digests/latest')
  @Roles('auditor', 'admin')
  latest() {
    return this.queries.execute(new GetLatestDigest());
  }

  /** Who read which confidential case, and when. */
  @Get('disclosures')
  @Roles('auditor', 'admin')
  disclosures() {
    return this.queries.execute(new ListDisclosures());
  }
}
