/** What the local gateway answered: status, content type and the parsed JSON body, if any. */
export interface AdminApiResponse<T> {
  status: number;
  type: string | null;
  body: T;
}

/**
 * A client of the local gateway that sends the admin bearer token with every request (harmless on
 * the public routes) and a `body` as JSON.
 */
export const adminApi =
  (url: () => string, token: () => string) =>
  // biome-ignore lint/suspicious/noExplicitAny: response JSON, navigated freely in assertions
  async <T = any>(method: string, path: string, body?: unknown): Promise<AdminApiResponse<T>> => {
    const res = await fetch(`${url()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token()}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: (text ? JSON.parse(text) : undefined) as T,
    };
  };
