import { applyDecorators, Get } from '@nestjs/common';
import { Roles } from '@app/auth';

/** A GET of figures from the report facts, for managers, admins and auditors (with @ProjectionRead(REPORT_PROJECTION)). */
export const FiguresRead = (path: string) => applyDecorators(Get(path), Roles('manager', 'admin', 'auditor'));
