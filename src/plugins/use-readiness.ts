// GET /readiness: 200 when the gateway can serve (configuration valid, upstream pools created, Redis
// connected), 503 when not and while it shuts down. Yoga's useReadinessCheck matches a URLPattern against
// every other request; a path comparison is all this needs.
import type { Plugin } from 'graphql-yoga';

export function useReadiness(endpoint: string, ready: () => boolean): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === endpoint) endResponse(new fetchAPI.Response(null, { status: ready() ? 200 : 503 }));
    },
  };
}
