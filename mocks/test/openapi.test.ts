import { Validator } from '@seriousme/openapi-schema-validator';
import { createClient } from '@session-links/client';
import { createOpenApiDocument } from '@session-links/client/openapi';
import { routes } from '@session-links/core';
import { describe, expect, it } from 'vitest';

describe('OpenAPI document', () => {
  const document = createOpenApiDocument();

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has an operation for every client method, at that method’s path', () => {
    const client = createClient({ baseUrl: 'http://localhost/api', siteId: 's' });
    const methods = Object.entries(client)
      .filter(([, v]) => typeof v === 'function')
      .map(([k]) => k);
    expect(methods.length).toBe(Object.keys(routes).length);
    for (const method of methods) {
      const route = routes[method as keyof typeof routes];
      expect(route, method).toBeDefined();
      const operation = (document.paths[route.path] as Record<string, { operationId: string }>)[route.method];
      expect(operation?.operationId).toBe(method);
    }
  });

  it('describes the custom-link rules (R11) in the request schema', () => {
    const put = (document.paths['/sites/{siteId}/settings/default-account'] as Record<string, { requestBody: unknown }>).put;
    const text = JSON.stringify(put?.requestBody);
    expect(text).toContain('"link"');
    expect(text).toContain('"maxLength":128');
    expect(text).toContain('"maxLength":500');
  });
});
