// Who is calling: an HS256 bearer token whose `scope` claim grants operations. Without
// AUTH_JWT_SECRET (development, or AUTH_DISABLED=true on purpose) every scope is granted.

import { createGraphQLError } from 'graphql-yoga';
import { errors as joseErrors, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';

/** Every scope a token may grant. */
export const scopes = [
  'phones:read',
  'phones:write',
  'contacts:read',
  'contacts:write',
  'calls:read',
  'calls:write',
  'numbers:read',
  'numbers:disconnect',
  // Settles what the gateway could not know (a disconnect order whose outcome is unknown).
  'operator',
] as const;
export type Scope = (typeof scopes)[number];

export interface Principal {
  subject: string | undefined;
  scopes: ReadonlySet<Scope>;
}

const everyone: Principal = { subject: undefined, scopes: new Set(scopes) };

function unauthenticated(message: string) {
  return createGraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'www-authenticate': 'Bearer' } } },
  });
}

/** The caller's principal: at once for a token seen before, after verifying it otherwise. */
export function createAuthenticator(secret: string | undefined): (request: Request) => Principal | Promise<Principal> {
  if (secret === undefined) return () => everyone;
  const key = new TextEncoder().encode(secret);
  // A client sends the same token on every request: its signature is checked once, its expiry every time
  // (by the token's own `exp`, so the cache keeps no clock of its own).
  const verified = new LRUCache<string, { principal: Principal; expiresAt: number }>({ max: 10_000 });
  const verify = async (token: string): Promise<Principal> => {
    try {
      const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
      const granted = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
      const principal = { subject: payload.sub, scopes: new Set(scopes.filter((s) => granted.includes(s))) };
      verified.set(token, { principal, expiresAt: payload.exp === undefined ? Number.POSITIVE_INFINITY : payload.exp * 1000 });
      return principal;
    } catch (error) {
      throw unauthenticated(error instanceof joseErrors.JWTExpired ? 'the token has expired' : 'the token is not valid');
    }
  };
  return (request) => {
    const header = request.headers.get('authorization');
    if (!header) throw unauthenticated('Authorization: Bearer <token> is required');
    const [kind, token] = header.split(' ');
    if (kind?.toLowerCase() !== 'bearer' || !token) throw unauthenticated('Authorization must be a Bearer token');
    const known = verified.get(token);
    if (known) {
      if (known.expiresAt > Date.now()) return known.principal;
      verified.delete(token);
      throw unauthenticated('the token has expired');
    }
    return verify(token);
  };
}
