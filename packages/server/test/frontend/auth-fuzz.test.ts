import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { describeEachDatabase } from '../support/databases.js';
import { hostileString, hostileValue } from '../support/fuzz/hostile-values.js';
import type { JsonSchema } from '../support/fuzz/openapi-routes.js';
import {
  applyMutations,
  mutation,
  schemaFields,
  schemaValue,
} from '../support/fuzz/schema-values.js';
import { frontendClient, ProcessClient } from '../support/process-client.js';
import { createTestServer, type TestServer } from '../support/test-server.js';

/**
 * Property-based fuzzing of the Frontend API's process routes (/v2/auth/*, from the app's own
 * OpenAPI document, so a route added later is fuzzed too): well-shaped bodies with hostile
 * mutations, hostile query values and process tokens, sent to a valid project with a live
 * process on one of several blocks. Never a 5xx; every 4xx is JSON naming an error code.
 * FUZZ_SEED=<n> replays a run; FUZZ_RUNS=<n> sets the number of requests (default 200).
 */

const runs = Number(process.env.FUZZ_RUNS ?? 200);
const seed = process.env.FUZZ_SEED
  ? Number(process.env.FUZZ_SEED)
  : (Date.now() ^ Math.floor(Math.random() * 2 ** 31)) | 0;

interface AuthRoute {
  method: 'GET' | 'POST';
  path: string;
  body: JsonSchema | undefined;
  query: string[];
}

/** How the process token of a request is chosen. */
type TokenPlan = 'live' | 'none' | { hostile: string };

describeEachDatabase('Frontend API fuzz (/v2/auth/*)', (kind) => {
  let server: TestServer;
  let routes: AuthRoute[];
  before(async () => {
    server = await createTestServer(kind);
    const document = JSON.parse((await server.app.inject({ url: '/openapi.json' })).body) as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    routes = [];
    for (const [path, item] of Object.entries(document.paths)) {
      if (!path.startsWith('/v2/auth/')) continue;
      for (const method of ['get', 'post'] as const) {
        const operation = item[method];
        if (!operation) continue;
        const content = (
          operation.requestBody as { content?: Record<string, { schema: JsonSchema }> }
        )?.content;
        const parameters = (operation.parameters ?? []) as { in: string; name: string }[];
        routes.push({
          method: method.toUpperCase() as 'GET' | 'POST',
          path,
          body: content?.['application/json']?.schema,
          query: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        });
      }
    }
    assert.ok(routes.length >= 15, `found ${routes.length} /v2/auth routes`);
  });
  after(async () => {
    await server.close();
  });

  /** A live process on signup-init, login-init (conditional UI) or a verify block. */
  async function liveProcess(start: number): Promise<ProcessClient> {
    const flow = new ProcessClient(server, server.project.id);
    if (start === 0) await flow.init();
    else if (start === 1) {
      await flow.init({
        preferredBlock: 'login-init',
        clientInformation: frontendClient({ isConditionalMediationAvailable: true }),
      });
    } else {
      await flow.init({
        clientInformation: frontendClient({ isUserVerifyingPlatformAuthenticatorAvailable: false }),
      });
      await flow.step('/v2/auth/signup/init', {
        identifiers: [{ type: 'email', identifier: `fuzz${start}-${Math.random()}@example.com` }],
      });
    }
    return flow;
  }

  const requestOf = (route: AuthRoute) =>
    fc.record({
      start: fc.integer({ min: 0, max: 2 }),
      token: fc.oneof(
        { arbitrary: fc.constant<TokenPlan>('live'), weight: 6 },
        { arbitrary: fc.constant<TokenPlan>('none'), weight: 1 },
        { arbitrary: hostileString().map((hostile): TokenPlan => ({ hostile })), weight: 1 },
      ),
      body: route.body
        ? fc.oneof(
            {
              arbitrary: fc
                .tuple(
                  schemaValue(route.body),
                  fc.array(mutation(schemaFields(route.body)), { maxLength: 3 }),
                )
                .map(([value, mutations]) => applyMutations(value, mutations)),
              weight: 4,
            },
            { arbitrary: hostileValue(), weight: 1 },
          )
        : fc.option(hostileValue(), { nil: undefined }),
      query: fc.array(fc.tuple(fc.constantFrom(...route.query, 'x'), hostileString()), {
        maxLength: 2,
      }),
    });

  test('hostile requests with a valid project and process: never a 5xx, 4xx name a code', async () => {
    const statuses = new Map<number, number>();
    const plans = fc.oneof(
      ...routes.map((route) => requestOf(route).map((request) => ({ route, request }))),
    );
    try {
      await fc.assert(
        fc.asyncProperty(plans, async ({ route, request }) => {
          const flow = await liveProcess(request.start);
          const token =
            request.token === 'live'
              ? flow.token
              : request.token === 'none'
                ? ''
                : request.token.hostile;
          const query = new URLSearchParams(request.query).toString();
          const url = `${route.path}${query ? `?${query}` : ''}`;
          const response =
            route.method === 'GET'
              ? await flow.call('GET', url, undefined, token)
              : await flow.call('POST', url, request.body ?? {}, token);
          const label = `${route.method} ${url} ${JSON.stringify(request.body)?.slice(0, 300)}`;
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          assert.ok(response.statusCode < 500, `${label}: ${response.statusCode} ${response.body}`);
          if (response.statusCode >= 400) {
            const body = JSON.parse(response.body) as { error?: { code?: unknown } };
            assert.equal(typeof body.error?.code, 'string', `${label}: ${response.body}`);
          }
        }),
        { numRuns: runs, seed },
      );
    } catch (error) {
      throw new Error(`Frontend API fuzz failed (FUZZ_SEED=${seed}): ${(error as Error).message}`);
    }
    // The requests reached the steps (some were accepted), not only the validators.
    const accepted = [...statuses]
      .filter(([status]) => status < 300)
      .reduce((n, [, c]) => n + c, 0);
    assert.ok(accepted > 0, `no request was accepted: ${JSON.stringify([...statuses])}`);
    assert.ok(statuses.size > 1, `only one status: ${JSON.stringify([...statuses])}`);
  });
});
