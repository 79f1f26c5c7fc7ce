// GraphQL over plain HTTP against a spawned server, with an optional bearer token, keeping the
// HTTP status (the API's status convention is part of what the tests check).
export interface HttpGraphQLResult<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> & { code?: string } }[];
}

export async function graphqlAs<T = Record<string, unknown>>(
  baseUrl: string, token: string | null, query: string, variables: Record<string, unknown> = {},
): Promise<HttpGraphQLResult<T>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<HttpGraphQLResult<T>, 'status'>;
  return { status: response.status, ...body };
}
