import { createParamDecorator, ExecutionContext, ForbiddenException, SetMetadata } from '@nestjs/common';
import { canActForUnit, maySeeUnit, Principal, Role, ROLES } from './principal';

export const IS_PUBLIC = 'synpunkt:public';
export const ROLES_KEY = 'synpunkt:roles';

/** Opens an endpoint to callers without a token (health, metrics). Everything else is guarded. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * Opens an endpoint (or a controller's endpoints) to tokens holding one of these roles. An endpoint with neither
 * this nor @Public() is closed to everyone: access is denied by default.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Any signed-in staff member, whatever their role; a token without a role is still refused. */
export const AnyStaffRole = () => Roles(...ROLES);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ user: Principal }>().user;
});

/** 403 unless the principal may act for the unit: the check for writes. */
export function assertUnitAccess(principal: Principal, unitId: string): void {
  if (!canActForUnit(principal, unitId)) {
    throw new ForbiddenException(`you may not act for unit ${unitId}`);
  }
}

/** 403 unless the principal may read the unit's records (maySeeUnit): the check for a read narrowed to one unit. */
export function assertMaySeeUnit(principal: Principal, unitId: string): void {
  if (!maySeeUnit(principal, unitId)) {
    throw new ForbiddenException(`you may not read the records of unit ${unitId}`);
  }
}
