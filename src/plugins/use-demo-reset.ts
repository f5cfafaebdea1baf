// POST /simulators/reset puts the demo back (see demo-reset.ts). It takes only a JSON POST: a page on
// another origin cannot send one without a CORS preflight, which this gateway does not grant, so a
// site the developer visits cannot reset their demo behind their back. With AUTH_JWT_SECRET set it
// takes a token with the operator scope, as any other operator's act does.
import type { FetchAPI, Plugin } from 'graphql-yoga';
import type { Principal } from '../auth.js';
import type { DemoReset } from '../demo-reset.js';

const demoResetPath = '/simulators/reset';

export function useDemoReset(reset: DemoReset, authenticate: (request: Request) => Principal | Promise<Principal>): Plugin {
  // Every other request passes synchronously: a promise from this hook would put every later request hook behind promise reactions.
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== demoResetPath) return undefined;
      return handle(request, endResponse, fetchAPI);
    },
  };

  async function handle(request: Request, endResponse: (response: Response) => void, fetchAPI: FetchAPI): Promise<void> {
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      endResponse(new fetchAPI.Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } }));
    if (request.method !== 'POST') return answer(405, { error: 'POST to reset the demo data' }, { allow: 'POST' });
    if (!request.headers.get('content-type')?.startsWith('application/json')) {
      return answer(415, { error: 'send Content-Type: application/json' });
    }
    let principal: Principal;
    try {
      principal = await authenticate(request);
    } catch {
      return answer(401, { error: 'a bearer token with the operator scope is required' }, { 'www-authenticate': 'Bearer' });
    }
    if (!principal.scopes.has('operator')) return answer(403, { error: 'the token lacks the operator scope' });
    await reset();
    answer(200, { reset: true });
  }
}
