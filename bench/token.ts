// The bearer token the benchmark and the soak call the production build with: every scope granted.
import { SignJWT } from 'jose';
import { scopes } from '../src/auth.js';

export function signEveryScope(secret: string, expiresIn: string): Promise<string> {
  return new SignJWT({ scope: scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
