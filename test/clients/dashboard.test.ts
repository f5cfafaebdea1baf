import { describe, expect, it } from 'vitest';
import { startDashboardSimulator } from '../../src/simulators/dashboard.js';
import { DashboardClient } from '../../src/upstreams/dashboard/client.js';
import { parseXml } from '../../src/upstreams/dashboard/xml.js';
import { basicAuth } from '../../src/upstreams/http/request.js';
import { httpFor, upstreamFailure, useUpstream } from '../support/http.js';

const credentials = { accountId: '12345', username: 'dash-user', password: 'dash-password' };
const up = useUpstream({
  upstream: 'dashboard',
  start: () => startDashboardSimulator({ ...credentials, basePath: '/api', orderStepMs: 'manual' }),
  headers: { authorization: basicAuth(credentials.username, credentials.password) },
  client: (http) => new DashboardClient(http, credentials.accountId),
  fresh: true,
});

describe('Dashboard client', () => {
  it('files a disconnect order as XML with the 10-digit number, and takes the order id from Location', async () => {
    const order = await up.client.createDisconnectOrder(['8283334444']);
    const request = up.sim.requests[0];
    expect(request).toMatchObject({ method: 'POST', path: '/api/accounts/12345/disconnects' });
    expect(request?.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(parseXml(request?.body ?? '')).toEqual({
      DisconnectTelephoneNumberOrder: {
        name: 'Switchboard disconnect',
        DisconnectTelephoneNumberOrderType: { TelephoneNumberList: { TelephoneNumber: ['8283334444'] } },
      },
    });
    const stored = [...up.sim.state.orders.values()][0];
    expect(order.id).toBe(stored?.id);
    expect(order.id).not.toBe(stored?.requestId);
    expect(order).toMatchObject({ status: 'RECEIVED', numbers: ['8283334444'], disconnectedNumbers: [] });
  });

  it('reads an order as it advances to COMPLETE, with the disconnected numbers as a list of one', async () => {
    const { id } = await up.client.createDisconnectOrder(['8283334444']);
    await up.sim.advanceOrder(id);
    expect((await up.client.getDisconnectOrder(id))?.status).toBe('PROCESSING');
    await up.sim.advanceOrder(id);
    expect(await up.client.getDisconnectOrder(id)).toMatchObject({ status: 'COMPLETE', disconnectedNumbers: ['8283334444'] });
    expect(up.sim.requests.at(-1)).toMatchObject({ method: 'GET', path: `/api/accounts/12345/disconnects/${id}` });
  });

  it('answers null for an unknown order (404)', async () => {
    expect(await up.client.getDisconnectOrder('df2gc2e2-653d-466c-945d-8f292f09ce55')).toBeNull();
  });

  it('reports a refused order as BAD_USER_INPUT with the Dashboard ErrorCode', async () => {
    const failure = await upstreamFailure(up.client.createDisconnectOrder(['+18283334444']));
    expect(failure.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstream: 'dashboard', upstreamCode: '5002' });
  });

  it('reports wrong credentials as UNAUTHENTICATED', async () => {
    const wrong = httpFor('dashboard', up.sim.url, { authorization: basicAuth('dash-user', 'nope') });
    expect((await upstreamFailure(new DashboardClient(wrong, '12345').getDisconnectOrder('x'))).code).toBe('UNAUTHENTICATED');
    await wrong.close();
  });

  it('reports a POST that timed out as of unknown outcome, so it is never re-sent blindly', async () => {
    up.sim.inject({ kind: 'hang' }, { times: 1, method: 'POST' });
    const failure = await upstreamFailure(up.client.createDisconnectOrder(['8283334444']));
    expect(failure.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', outcomeUnknown: true });
    expect(up.sim.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('keeps the order a 201 created even when its body is cut short: Location is enough', async () => {
    up.sim.inject({ kind: 'malformed' }, { times: 1, method: 'POST' });
    const order = await up.client.createDisconnectOrder(['8283334444']);
    expect(order.id).toBe([...up.sim.state.orders.keys()][0]);
    expect(order.status).toBe('RECEIVED');
  });

  it.each([
    [{ kind: 'malformed' } as const, 'UPSTREAM_BAD_RESPONSE'],
    [{ kind: 'html' } as const, 'UPSTREAM_BAD_RESPONSE'],
    [
      {
        kind: 'status',
        status: 200,
        contentType: 'application/xml',
        body: '<DisconnectTelephoneNumberOrderResponse><OrderStatus>DONE',
      } as const,
      'UPSTREAM_BAD_RESPONSE',
    ],
    [{ kind: 'reset' } as const, 'UPSTREAM_UNAVAILABLE'],
    [{ kind: 'status', status: 503 } as const, 'UPSTREAM_UNAVAILABLE'],
  ])('reports reading an order through the fault %o as %s', async (fault, code) => {
    const { id } = await up.client.createDisconnectOrder(['8283334444']);
    up.sim.inject(fault);
    expect((await upstreamFailure(up.client.getDisconnectOrder(id))).code).toBe(code);
  });
});
