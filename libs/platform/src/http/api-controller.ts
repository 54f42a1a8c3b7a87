import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

/** A controller of the token-protected API: its OpenAPI tag, bearer authentication and base path, said once. */
export const ApiController = (tag: string, path: string) => applyDecorators(ApiTags(tag), ApiBearerAuth(), Controller(path));
