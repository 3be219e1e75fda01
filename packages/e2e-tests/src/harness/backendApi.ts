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

/** GET a backend path with the guest's token and return its JSON. */
export async function getAsGuest<T>(
  backendUrl: string,
  path: string,
): Promise<T> {
  const token = await guestToken(backendUrl);
  const res = await fetch(`${backendUrl}${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!res.ok) {
    throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  }
  return (await res.json()) as T;
}
