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
    // Compiling the OpenAPI meta-schema takes seconds on a busy machine.
  }, 30_000);

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
    const text = JSON.stringify(document.components.schemas.SetCustomLinkRequest);
    expect(text).toContain('"link"');
    expect(text).toContain('"maxLength":128');
    expect(text).toContain('"maxLength":500');
  });
});

describe('OpenAPI document: implementable on its own', () => {
  const document = createOpenApiDocument();
  const operations = Object.values(document.paths).flatMap((p) => Object.values(p as Record<string, Record<string, unknown>>));

  it('declares how requests are authenticated, and every operation answers 401 and 429', () => {
    expect(Object.keys(document.components.securitySchemes)).toEqual(['hostSession', 'hostBearer']);
    expect(document.security.length).toBeGreaterThan(0);
    expect(operations).toHaveLength(Object.keys(routes).length);
    for (const op of operations) {
      const responses = op.responses as Record<string, { description: string; headers?: unknown }>;
      expect(responses['401']?.description, String(op.operationId)).toContain('UNAUTHORIZED');
      expect(responses['429']?.headers, String(op.operationId)).toHaveProperty('Retry-After');
    }
  });

  it('describes every operation and gives it an example', () => {
    for (const op of operations) {
      expect(String(op.description).length, String(op.operationId)).toBeGreaterThan(30);
      expect(JSON.stringify(op), String(op.operationId)).toContain('"example');
    }
  });

  it('names its schemas and references them', () => {
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['ApiError', 'CustomLink', 'OnlineSettings', 'StaffMember', 'ResolvedSession', 'SetCustomLinkRequest']),
    );
    const put = (document.paths['/sites/{siteId}/settings/default-account'] as Record<string, Record<string, unknown>>).put;
    expect(JSON.stringify(put)).toContain('#/components/schemas/SetCustomLinkRequest');
  });

  it('carries the R11 constraints on custom-link URLs and says what a version is and what a stale one gets', () => {
    const text = JSON.stringify(document.components.schemas.SetCustomLinkRequest);
    expect(text).toContain('"maxLength":2048');
    expect(text).toContain('"pattern"');
    expect(text).toContain('409 CONFLICT');
    const pattern = new RegExp(JSON.parse(text).properties.link.properties.url.pattern);
    expect(pattern.test('https://meet.google.com/x')).toBe(true);
    expect(pattern.test('javascript:alert(1)')).toBe(false);
  });
});
