import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { Role, Roles } from '@app/auth';

/** A command on an existing resource: `POST <path>`, answered 200 with the resource's new state, for these roles. */
export const CommandRoute = (path: string, ...roles: Role[]) => applyDecorators(Post(path), HttpCode(200), Roles(...roles));
