import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI } from 'openapi-types';
import { startTestApp, TestApp } from '../support/test-app';

type Operation = { parameters?: unknown[]; requestBody?: unknown; responses?: Record<string, unknown> };

/** What a client generator depends on: every path and method with its parameters, body and responses, and the schemas. */
function contractOf(doc: { paths: Record<string, Record<string, Operation>>; components?: { schemas?: unknown } }) {
  const paths = Object.fromEntries(
    Object.entries(doc.paths)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, methods]) => [
        path,
        Object.fromEntries(
          Object.entries(methods)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([method, op]) => [
              method,
              { parameters: op.parameters ?? [], requestBody: op.requestBody ?? null, responses: op.responses ?? {} },
            ]),
        ),
      ]),
  );
  return { paths, schemas: doc.components?.schemas ?? {} };
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: Parameters<typeof contractOf>[0];
  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http().get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('is valid OpenAPI, so client generators work on it', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as unknown as OpenAPI.Document)).resolves.toBeDefined();
  });

  it('keeps the contract clients rely on: paths, methods, parameters, bodies, responses and schemas', () => {
    expect(contractOf(doc)).toMatchSnapshot();
  });
});
