import { createParamDecorator, ExecutionContext, ForbiddenException, SetMetadata } from '@nestjs/common';
import { canActForUnit, Principal, Role } from './principal';

export const IS_PUBLIC = 'synpunkt:public';
export const ROLES_KEY = 'synpunkt:roles';

/** Opens an endpoint to callers without a token (health, metrics). Everything else is guarded. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts an endpoint to these roles; without it any authenticated user may call. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ user: Principal }>().user;
});

export function assertUnitAccess(principal: Principal, unitId: string): void {
  if (!canActForUnit(principal, unitId)) {
    throw new ForbiddenException(`you may not act for unit ${unitId}`);
  }
}
