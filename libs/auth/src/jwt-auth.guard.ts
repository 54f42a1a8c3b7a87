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
import { hasRole, InvalidClaimsError, Principal, Role } from './principal';
import { IdentityProviderUnavailableError, TokenVerifier } from './token-verifier';

/** On by default for every route: a valid bearer token, and one of the route's roles when it names any. */
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
    if (roles?.length && !hasRole(principal, ...roles)) {
      throw new ForbiddenException(`this needs one of the roles: ${roles.join(', ')}`);
    }
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
