import { Param, Query, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiProduces } from '@nestjs/swagger';
import { CurrentUser, Principal } from '@app/auth';
import { ProjectionRead, ApiController } from '@app/platform';
import { FiguresRead } from '../report-facts/figures-read';
import { REPORT_PROJECTION } from '../report-facts/report.projection';
import { VerksamhetsberattelseDraft } from './verksamhetsberattelse-draft';
import { DOCX_TYPE, verksamhetsberattelseDocx } from './verksamhetsberattelse.docx';
import { GetVerksamhetsberattelse } from './verksamhetsberattelse.query';
import { RolledUpVerksamhetsberattelseQuery, VerksamhetsberattelseQuery } from './verksamhetsberattelse.request.dto';

/** The verksamhetsberättelse sections on synpunkter, klagomål and kvalitetsgarantier, drafted as a Word document to edit. */
@ApiController('reports', 'api')
export class VerksamhetsberattelseController {
  constructor(private readonly queries: QueryBus) {}

  /** A unit's draft: this year against the year before (while the year runs, the same period of it). */
  @FiguresRead('units/:id/follow-up/verksamhetsberattelse')
  @ProjectionRead(REPORT_PROJECTION)
  @ApiProduces(DOCX_TYPE)
  async unit(@Param('id') id: string, @Query() q: VerksamhetsberattelseQuery, @CurrentUser() user: Principal) {
    return this.docx(await this.queries.execute(new GetVerksamhetsberattelse({ year: q.year, unitId: id }, user)), `${id}-${q.year}`);
  }

  /** The same rolled up over the units of a department or a district (or all the caller sees). */
  @FiguresRead('reports/verksamhetsberattelse')
  @ProjectionRead(REPORT_PROJECTION)
  @ApiProduces(DOCX_TYPE)
  async rolledUp(@Query() q: RolledUpVerksamhetsberattelseQuery, @CurrentUser() user: Principal) {
    const params = { year: q.year, department: q.department, district: q.district };
    const draft: VerksamhetsberattelseDraft = await this.queries.execute(new GetVerksamhetsberattelse(params, user));
    return this.docx(draft, `${q.year}`);
  }

  private async docx(draft: VerksamhetsberattelseDraft, name: string) {
    const file = await verksamhetsberattelseDocx(draft);
    return new StreamableFile(file, { type: DOCX_TYPE, disposition: `attachment; filename="verksamhetsberattelse-${slug(name)}.docx"` });
  }
}

/** A file name part of ASCII letters, digits and hyphens (a unit id is a slug already). */
const slug = (s: string) => s.replace(/[^a-zA-Z0-9-]+/g, '-');
