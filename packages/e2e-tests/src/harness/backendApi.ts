/**
 * A Backstage token for the local guest user, as the frontend gets one after "Enter".
 */
export async function guestToken(backendUrl: string): Promise<string> {
  const res = await fetch(
    `${backendUrl}/api/auth/guest/refresh?optional&env=development`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  if (!res.ok) {
    throw new Error(`guest sign-in failed: ${res.status} ${await res.text()}`);
  }
  const body = await res.json();
  return body.backstageIdentity.token;
}

/**
 * Calls a backend path with the guest's token and returns the status and JSON body; the
 * caller decides which statuses are fine.
 */
export async function requestAsGuest<T>(
  backendUrl: string,
  path: string,
  init?: { method?: string; body?: unknown },
): Promise<{ status: number; body: T }> {
  const token = await guestToken(backendUrl);
  const res = await fetch(`${backendUrl}${path}`, {
    method: init?.method ?? 'GET',
    headers: {
      Authorization: `Bearer ${token}`,
      ...(init?.body === undefined
        ? {}
        : { 'Content-Type': 'application/json' }),
    },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}

/** GET a backend path with the guest's token and return its JSON; throws unless 2xx. */
export async function getAsGuest<T>(
  backendUrl: string,
  path: string,
): Promise<T> {
  const { status, body } = await requestAsGuest<T>(backendUrl, path);
  if (status < 200 || status >= 300) {
    throw new Error(`GET ${path}: ${status} ${JSON.stringify(body)}`);
  }
  return body;
}

/** Calls `probe` every second until it returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs / 1000}s waiting for ${what}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}
