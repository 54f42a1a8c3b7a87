import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { from, Observable, switchMap } from 'rxjs';
import { ProjectionsHost } from './projections-host';

const PROJECTION_KEY = 'synpunkt:projection';

/** Query fields every projection-backed read accepts. */
export class ProjectionQuery {
  @ApiPropertyOptional({ description: 'wait (bounded) until the read model has reached this X-Event-Position' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'minPosition must be a whole number' })
  minPosition?: string;
}

@Injectable()
export class ProjectionReadInterceptor implements NestInterceptor {
  constructor(
    private readonly host: ProjectionsHost,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const name = this.reflector.get<string>(PROJECTION_KEY, context.getHandler());
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const min = req.query.minPosition;
    if (min !== undefined && (typeof min !== 'string' || !/^\d{1,18}$/.test(min))) {
      throw new BadRequestException({
        message: 'minPosition must be a whole number',
        problem: { errors: [{ field: 'minPosition', message: 'must be a whole number' }] },
      });
    }
    return from(
      (async () => {
        if (min !== undefined) await this.host.waitFor(BigInt(min as string), 5000);
        const status = (await this.host.runner.status()).find((s) => s.name === name);
        if (status) res.setHeader('X-Projection-Position', status.position.toString());
      })(),
    ).pipe(switchMap(() => next.handle()));
  }
}

/** Marks a read as served from a projection: honours ?minPosition= and sets X-Projection-Position. */
export const ProjectionRead = (projection: string) =>
  applyDecorators(SetMetadata(PROJECTION_KEY, projection), UseInterceptors(ProjectionReadInterceptor));
