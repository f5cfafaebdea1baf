// Clients cannot hold the gateway's sockets at will: a request's headers and the whole request must
// arrive within bounded times, and the subscriptions one instance holds open are bounded.
import { connect } from 'node:net';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { placeOrder, useGateway } from '../support/gateway.js';

const gw = useGateway({ REQUEST_HEADERS_TIMEOUT_MS: '400', REQUEST_TIMEOUT_MS: '800', MAX_SUBSCRIPTIONS: '2' }, { fresh: true });

/** Sends `head` at once, then `drip` every 100 ms for up to 10 s; resolves with what the server answered when it closed the connection, or 'still open'. */
function trickle(head: string, drip: string): Promise<string> {
  const { port } = new URL(gw.url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    let drips = 0;
    const timer = setInterval(() => {
      if (drips++ === 100) {
        clearInterval(timer);
        socket.destroy();
        resolve('still open');
      } else socket.write(drip);
    }, 100);
    socket.on('data', (chunk) => {
      answer += String(chunk);
    });
    socket.on('close', () => {
      clearInterval(timer);
      resolve(answer);
    });
    socket.on('error', () => undefined);
    socket.write(head);
  });
}

/** Opens a subscription to an order; `next` reads its next data event, `close` ends it from the client. */
async function follow(orderId: string) {
  const abort = new AbortController();
  const res = await request(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: `subscription { disconnectOrder(id: "${orderId}") { status } }` }),
    signal: abort.signal,
  });
  const chunks = res.body[Symbol.asyncIterator]();
  let buffer = '';
  const next = async (): Promise<string> => {
    for (;;) {
      const data = /^data: (.*)$/m.exec(buffer);
      if (data) {
        buffer = buffer.slice(data.index + data[0].length);
        return data[1] as string;
      }
      const chunk = await chunks.next();
      if (chunk.done) return 'ended';
      buffer += String(chunk.value);
    }
  };
  return { first: await next(), next, close: () => abort.abort() };
}

describe('a client that trickles its request', () => {
  it('is cut off when its headers take longer than REQUEST_HEADERS_TIMEOUT_MS', async () => {
    const answer = await trickle('POST /graphql HTTP/1.1\r\nHost: gateway\r\n', 'X-Slow: 1\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('is cut off when its body takes longer than REQUEST_TIMEOUT_MS', async () => {
    const head = 'POST /graphql HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{';
    const answer = await trickle(head, ' ');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});

describe('a subscription', () => {
  it('stays open past REQUEST_TIMEOUT_MS: the request arrived whole, only the answer is long', async () => {
    placeOrder(gw.sims, 'order-long');
    const stream = await follow('order-long');
    expect(stream.first).toContain('RECEIVED');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await gw.sims.dashboard.advanceOrder('order-long');
    expect(await stream.next()).toContain('PROCESSING');
    stream.close();
  });

  it('past MAX_SUBSCRIPTIONS open ones is refused with an error naming the limit', async () => {
    placeOrder(gw.sims, 'order-a');
    const open = [await follow('order-a'), await follow('order-a')];
    const third = await follow('order-a');
    expect(third.first).toContain('OVERLOADED');
    expect(third.first).toContain('MAX_SUBSCRIPTIONS');
    for (const stream of [...open, third]) stream.close();
  });

  it('frees its place when its client closes it', async () => {
    placeOrder(gw.sims, 'order-b');
    const first = await follow('order-b');
    const second = await follow('order-b');
    first.close();
    second.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await follow('order-b');
    expect(again.first).toContain('RECEIVED');
    again.close();
  });
});
