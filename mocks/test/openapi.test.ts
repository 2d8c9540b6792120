import { Validator } from '@seriousme/openapi-schema-validator';
import { createClient } from '@session-links/client';
import { createOpenApiDocument } from '@session-links/client/openapi';
import {
  providerRoutes,
  routes,
  SYNC_RESOURCE_NAMES,
  SYNC_SECRET_HEADER,
  syncResources,
  syncRoutes,
  syncSiteSchema,
} from '@session-links/core';
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
  const all = Object.values(document.paths).flatMap((p) => Object.values(p as Record<string, Record<string, unknown>>));
  // The widgets' API; the host's sync API has its own tag and secret (below).
  const operations = all.filter((op) => (op.tags as string[]).includes('api'));

  it('declares how requests are authenticated, and every operation answers 401 and 429', () => {
    expect(Object.keys(document.components.securitySchemes)).toEqual(['hostSession', 'hostBearer', 'syncSecret']);
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

describe('OpenAPI document: the host sync API', () => {
  const document = createOpenApiDocument();
  // biome-ignore lint/suspicious/noExplicitAny: the document's JSON, read by its documented shape
  type Json = any;
  type Op = {
    operationId: string;
    tags: string[];
    security: unknown;
    description: string;
    requestBody: Json;
    responses: Record<string, Json>;
  };
  const at = (path: string) => document.paths[path] as Record<string, Op>;

  it('documents PUT and DELETE of the site and of every resource, tagged sync, behind the sync secret header', () => {
    const paths = ['/sync/sites/{siteId}', ...SYNC_RESOURCE_NAMES.map((r) => `/sync/sites/{siteId}/${r}/{${syncResources[r].idName}}`)];
    expect(paths).toHaveLength(7);
    for (const path of paths) {
      for (const method of ['put', 'delete'] as const) {
        const op = at(path)?.[method];
        expect(op, `${method} ${path}`).toBeDefined();
        expect(op?.tags).toEqual(['sync']);
        expect(op?.security).toEqual([{ syncSecret: [] }]);
        expect(op?.responses['401']?.description).toContain('UNAUTHORIZED');
        if (method === 'put') expect(op?.responses['422']?.description).toContain('VALIDATION');
      }
    }
    expect(document.components.securitySchemes.syncSecret).toMatchObject({ type: 'apiKey', in: 'header', name: SYNC_SECRET_HEADER });
    expect(document.tags.map((t: { name: string }) => t.name)).toEqual(['api', 'sync', 'providers']);
  });

  it('each payload is the schema the server validates with, and its example passes it', () => {
    const bodies = [
      ['/sync/sites/{siteId}', syncSiteSchema],
      ...SYNC_RESOURCE_NAMES.map((r) => [`/sync/sites/{siteId}/${r}/{${syncResources[r].idName}}`, syncResources[r].body] as const),
    ] as const;
    for (const [path, schema] of bodies) {
      const content = at(path).put?.requestBody.content?.['application/json'] as Json;
      expect(schema.safeParse(content.example).success, path).toBe(true);
      expect(Object.keys(content.schema?.properties ?? {}).sort(), path).toEqual(
        Object.keys((schema as unknown as { shape: object }).shape).sort(),
      );
    }
    expect(at('/sync/sites/{siteId}/sessions/{sessionId}').put?.description).toMatch(/serviceId.*synced first.*end.*after.*start/);
    expect(at('/sync/sites/{siteId}/bookings/{bookingId}').put?.description).toMatch(/clientId.*serviceId.*sessionId/);
  });
});

describe('OpenAPI document: every route table the server routes with', () => {
  const document = createOpenApiDocument();
  const operationAt = (path: string, method: string) =>
    (document.paths[path] as Record<string, { operationId: string; tags: string[] }> | undefined)?.[method];

  it('has an operation for every sync route, named as in core’s syncRoutes', () => {
    // PUT and DELETE of the site and of six resources, and R29's pull API (claim, sent, failed).
    expect(Object.keys(syncRoutes)).toHaveLength(17);
    for (const [name, route] of Object.entries(syncRoutes)) {
      expect(operationAt(route.path, route.method)?.operationId, name).toBe(name);
    }
  });

  it('has the providers’ callback page and webhook, tagged providers, from core’s providerRoutes', () => {
    for (const [name, route] of Object.entries(providerRoutes)) {
      const operation = operationAt(route.path, route.method);
      expect(operation?.operationId, name).toBe(name);
      expect(operation?.tags).toEqual(['providers']);
    }
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/zoom/callback', '/zoom/webhook']));
  });
});
