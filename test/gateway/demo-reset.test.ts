// POST /simulators/reset: the demo data back as it began, without a restart; offered only where it
// can touch nothing but simulators, and only to a request a page on another site cannot forge.
import { SignJWT } from 'jose';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startGateway } from '../../src/gateway.js';
import { ACME } from '../../src/simulators/demo.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

const reset = (url: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  request(`${url}/simulators/reset`, { method: 'POST', headers, body: '{}' });
const version = async (g: TestGateway) =>
  (await g.graphql<{ customer: { phones: { version: string } } }>(`{ customer(id: "${ACME}") { phones { version } } }`)).data?.customer
    .phones.version;

describe('POST /simulators/reset', () => {
  it('puts back the demo data a mutation changed', async () => {
    gw = await startTestGateway();
    await gw.graphql(`mutation { deletePhones(customerId: "${ACME}", keys: ["5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e03"]) { version } }`);
    expect(await version(gw)).toBe('4');
    expect((await reset(gw.url)).statusCode).toBe(200);
    expect(await version(gw)).toBe('3');
  });

  it('forgets the disconnect order filed for a number, so the next call files a new one', async () => {
    gw = await startTestGateway();
    const disconnect = `mutation { disconnectNumber(number: "+1 704 555 0124") { orderFiledNow order { id } } }`;
    const first = await gw.graphql<{ disconnectNumber: { orderFiledNow: boolean; order: { id: string } } }>(disconnect);
    expect(first.data?.disconnectNumber.orderFiledNow).toBe(true);
    await reset(gw.url);
    const again = await gw.graphql<{ disconnectNumber: { orderFiledNow: boolean; order: { id: string } } }>(disconnect);
    expect(again.data?.disconnectNumber.orderFiledNow).toBe(true);
    expect(again.data?.disconnectNumber.order.id).not.toBe(first.data?.disconnectNumber.order.id);
    expect(gw.sims.dashboard.state.orders.size).toBe(1);
  });

  it('refuses a form post, which a page on another site could send without asking', async () => {
    gw = await startTestGateway();
    const res = await reset(gw.url, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.statusCode).toBe(415);
  });

  it('takes a token with the operator scope when authentication is on', async () => {
    const secret = 'demo-reset-test-signing-key-32-chars!';
    gw = await startTestGateway({ AUTH_JWT_SECRET: secret });
    const sign = (scope: string) =>
      new SignJWT({ scope }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode(secret));
    expect((await reset(gw.url)).statusCode).toBe(401);
    const reader = { 'content-type': 'application/json', authorization: `Bearer ${await sign('phones:read')}` };
    expect((await reset(gw.url, reader)).statusCode).toBe(403);
    const operator = { 'content-type': 'application/json', authorization: `Bearer ${await sign('operator')}` };
    expect((await reset(gw.url, operator)).statusCode).toBe(200);
  });

  it('is not there when any upstream is real: no real state is reset', async () => {
    const sims = await startTestGateway();
    try {
      gw = await startTestGateway({ UAPI_URL: sims.sims.uapi.url, UAPI_TOKEN: 'sim-uapi-token' });
      const res = await reset(gw.url);
      expect(res.statusCode).not.toBe(200);
      expect(await res.body.text()).not.toContain('"reset":true');
    } finally {
      await sims.close();
    }
  });
});

describe('SIM_ORDER_STEP_MS under npm start', () => {
  it("moves the in-process Dashboard simulator's orders on their own, at that step", async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', PORT: '0', SIM_ORDER_STEP_MS: '20' });
    const gateway = await startGateway({ config });
    try {
      const ask = async (query: string) => {
        const res = await request(`${gateway.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        return (await res.body.json()) as { data: Record<string, { order?: { id: string }; status?: string }> };
      };
      const filed = await ask('mutation { disconnectNumber(number: "+1 704 555 0125") { order { id } } }');
      const id = filed.data.disconnectNumber?.order?.id;
      // Two steps of 20 ms; the simulators' own default (1 s a step) would take 2 s, past these 40 looks.
      let status: string | undefined;
      for (let i = 0; i < 40 && status !== 'COMPLETE'; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        status = (await ask(`{ disconnectOrder(id: "${id}") { status } }`)).data.disconnectOrder?.status;
      }
      expect(status).toBe('COMPLETE');
    } finally {
      await gateway.close();
    }
  });
});
