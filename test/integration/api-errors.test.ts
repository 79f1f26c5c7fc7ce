// What an unexpected failure looks like to a client: INTERNAL_SERVER_ERROR, a message pointing to
// the server log, no stack or internal text, HTTP 500; and the status convention for request
// errors, as the server applies it (the HTTP-level cases are in api-and-worker.test.ts).
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { formatGraphQLError, requestErrorStatusPlugin } from '../../src/infra/graphql/error-format.js';
import { NotFoundError } from '../../src/infra/graphql/errors.js';

/** As graphql-js reports an exception thrown inside a resolver. */
function resolverFailure(original: Error): GraphQLError {
  return new GraphQLError(original.message, { path: ['job'], originalError: original });
}

async function statusFor(body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }, status = 500): Promise<number | undefined> {
  const listener = await requestErrorStatusPlugin().requestDidStart!({} as never);
  const response = { http: { status, headers: new Map() }, body: { kind: 'single', singleResult: body } };
  await listener!.willSendResponse!({ response } as never);
  return response.http.status;
}

describe('unexpected errors', () => {
  it('hides the message and stack of an unexpected resolver error', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'secret') at /srv/app/src/x.ts:12");
    const error = resolverFailure(bug);
    const formatted = formatGraphQLError({ message: error.message, path: ['job'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: bug.stack?.split('\n') } }, error);
    expect(formatted).toEqual({
      message: "internal error; the server log has the details under this response's X-Request-Id",
      path: ['job'], locations: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(formatted)).not.toMatch(/secret|\/srv|stacktrace/);
  });

  it('keeps the code and message of an expected one', () => {
    const error = resolverFailure(new NotFoundError('job', 'j1'));
    expect(formatGraphQLError({ message: error.message, path: ['job'] }, error)).toMatchObject({ message: 'job j1 not found', extensions: { code: 'NOT_FOUND', id: 'j1' } });
  });
});

describe('HTTP status of a response', () => {
  it('is 400 (401 for UNAUTHENTICATED) for request errors, 500 for unexpected ones, unchanged once data exists', async () => {
    const refused = (...codes: string[]) => ({ errors: codes.map((code) => ({ message: code, extensions: { code } })) });
    expect(await statusFor(refused('BAD_USER_INPUT'))).toBe(400);
    expect(await statusFor(refused('QUERY_TOO_COMPLEX'))).toBe(400);
    expect(await statusFor(refused('UNAUTHENTICATED'))).toBe(401);
    expect(await statusFor(refused('BAD_USER_INPUT', 'INTERNAL_SERVER_ERROR'))).toBe(500);
    expect(await statusFor(refused('INTERNAL_SERVER_ERROR'))).toBe(500);
    // A status Apollo chose on purpose (e.g. 405 for a mutation over GET) is kept.
    expect(await statusFor(refused('BAD_REQUEST'), 405)).toBe(405);
    // The operation ran: 200 with data, whatever the errors.
    expect(await statusFor({ data: null, ...refused('NOT_FOUND') }, 200)).toBe(200);
  });
});
