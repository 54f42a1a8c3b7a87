import { All, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Open311Error } from './open311-error';
import { Open311Controller } from './open311-route';

/**
 * Registered last: any other path under /open311/v2 gets an Open311 error rather than problem+json. Kept out of the
 * OpenAPI document: a catch-all of every method is no operation a client calls, and its `search` method is not valid there.
 */
@ApiExcludeController()
@Open311Controller()
export class Open311FallbackController {
  @All('*path')
  unknown(@Param('path') path: string | string[]) {
    const rest = Array.isArray(path) ? path.join('/') : String(path);
    if (rest.endsWith('.xml')) throw Open311Error.invalid(['XML is not offered by this server; use .json']);
    throw Open311Error.notFound(
      `resource ${rest} (this server offers services.json, services/{code}.json, requests.json, requests/{id}.json)`,
    );
  }
}
