import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { errors } from 'jose';
import { IS_PUBLIC, ROLES_KEY } from './auth.decorators';
import { hasRole, InvalidClaimsError, Principal, Role, ROLES } from './principal';
import { IdentityProviderUnavailableError, TokenVerifier } from './token-verifier';

/**
 * On for every route, and closed by default: a route opens only by @Public() or by naming its roles (@Roles,
 * @AnyStaffRole). A valid token whose roles the route does not name, or that carries no role at all, gets 403.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: Principal }>();
    const header = req.headers['authorization'];
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException('a bearer token is required (Authorization: Bearer <JWT>)');
    let principal: Principal;
    try {
      principal = await this.verifier.principal(match[1]);
    } catch (err) {
      if (err instanceof IdentityProviderUnavailableError)
        throw new ServiceUnavailableException('the identity provider cannot be reached; try again shortly');
      throw new UnauthorizedException(reason(err));
    }
    req.user = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    // A route nobody gave a rule to is a mistake; it stays shut rather than open to every token (test/e2e/route-rules).
    if (!roles?.length) throw new ForbiddenException('this endpoint has no access rule, so it is closed to everyone');
    if (!principal.roles.length) throw new ForbiddenException(`the token carries no role; ask for one of: ${ROLES.join(', ')}`);
    if (!hasRole(principal, ...roles)) throw new ForbiddenException(`this needs one of the roles: ${roles.join(', ')}`);
    return true;
  }
}

function reason(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'the token has expired';
  if (err instanceof errors.JWTClaimValidationFailed) return `the token's ${err.claim} claim is not accepted`;
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  if (err instanceof errors.JWKSNoMatchingKey) return 'the token was not signed by a key of the identity provider';
  if (err instanceof InvalidClaimsError) return err.message;
  return 'the token is not valid';
}
