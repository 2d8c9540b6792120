import { API_ERROR_STATUS, apiErrorBodySchema, pathParamSchemas, type RouteDef, routes } from '@session-links/core';
import * as z from 'zod/mini';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

/**
 * The OpenAPI 3.1 document of the session-links API, generated from the same zod
 * schemas the client parses with, so a host can implement the backend against it.
 */
export function createOpenApiDocument(options: { version?: string; serverUrl?: string } = {}) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, route] of Object.entries(routes) as [string, RouteDef][]) {
    const parameters: unknown[] = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: toSchema(pathParamSchemas[name as string] ?? z.string(), 'input'),
    }));
    if (route.query) {
      for (const [name, schema] of Object.entries(route.query.shape)) {
        parameters.push({
          name,
          in: 'query',
          required: !(schema as z.ZodMiniType).safeParse(undefined).success,
          schema: toSchema(schema as z.ZodMiniType, 'input'),
        });
      }
    }
    const responses: Record<string, unknown> = {
      '200': { description: 'OK', content: { 'application/json': { schema: toSchema(route.response, 'output') } } },
    };
    for (const code of route.errors) {
      responses[String(API_ERROR_STATUS[code])] = {
        description: code,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
      };
    }
    const operation: Record<string, unknown> = { operationId, summary: route.summary, parameters, responses };
    if (route.body) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input') } } };
    }
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'session-links API',
      version: options.version ?? '0.1.0',
      description: 'Video-conferencing links of online sessions: default and staff accounts, session and course links, e-mail templates.',
    },
    servers: [{ url: options.serverUrl ?? '/api/session-links' }],
    paths,
    components: { schemas: { ApiError: toSchema(apiErrorBodySchema, 'output') } },
  };
}
