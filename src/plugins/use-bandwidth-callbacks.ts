// POST /callbacks/bandwidth: Bandwidth's order notifications. Each is authenticated with the
// configured Basic credentials and taken only as a hint to re-read the order, since a notification
// may be repeated, reordered or forged.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { parseXml } from '../upstreams/dashboard/xml.js';
import { isPathStep } from '../upstreams/http/path.js';
import { basicCredentials } from '../upstreams/http/request.js';
import type { DisconnectOrderWatcher } from '../workflows/order-watch.js';

const maxBodyBytes = 64 * 1024;

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function authorised(header: string | null, credentials: { username: string; password: string }): boolean {
  const given = basicCredentials(header);
  if (!given) return false;
  // Both compared, always, so the time taken does not tell which one was wrong.
  const userOk = sameSecret(given.user, credentials.username);
  const passwordOk = sameSecret(given.password, credentials.password);
  return userOk && passwordOk;
}

export function useBandwidthCallbacks(options: {
  credentials: { username: string; password: string } | undefined;
  orders: DisconnectOrderWatcher;
  logger: Logger;
  endpoint?: string;
}): Plugin {
  const endpoint = options.endpoint ?? '/callbacks/bandwidth';
  const answer = (status: number, message: string, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify({ message }), { status, headers: { 'content-type': 'application/json', ...headers } });

  const handle = async (request: Request): Promise<Response> => {
    if (request.method !== 'POST') return answer(405, 'use POST', { allow: 'POST' });
    if (!options.credentials || !authorised(request.headers.get('authorization'), options.credentials)) {
      options.logger.warn({ endpoint }, 'refused a callback without valid credentials');
      return answer(401, 'valid Basic credentials are required', { 'www-authenticate': 'Basic realm="bandwidth-callbacks"' });
    }
    if (Number(request.headers.get('content-length') ?? 0) > maxBodyBytes) return answer(413, 'notification too large');
    const text = await request.text();
    if (Buffer.byteLength(text) > maxBodyBytes) return answer(413, 'notification too large');
    const notification = parseXml(text)?.Notification as Record<string, unknown> | undefined;
    const orderId = notification?.OrderId;
    if (typeof orderId !== 'string' || orderId.length > 100 || isPathStep(orderId))
      return answer(400, 'not a Notification with an OrderId');
    if (notification?.OrderType === 'disconnects') {
      options.logger.info({ orderId }, 'disconnect order notification; re-reading the order');
      // Answered at once; the re-read happens after, and its failure is the poller's to make up for.
      options.orders.refresh(orderId).catch((error: unknown) => {
        options.logger.warn(
          { orderId, reason: error instanceof Error ? error.message : String(error) },
          're-reading a notified order failed',
        );
      });
    }
    return answer(200, 'received');
  };

  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== endpoint) return;
      return handle(request).then(endResponse, () => endResponse(answer(400, 'could not read the notification')));
    },
  };
}
