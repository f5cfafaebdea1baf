// GraphiQL in a real browser (Debian's Chromium, driven by playwright-core): open it, run an
// example operation against the simulators, read the result on the page. Saves a screenshot.
import { mkdirSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIWI } from '../../src/simulators/demo.js';
import { placeOrder, useGateway } from '../support/gateway.js';
import { requireProgram } from '../support/process.js';

const gw = useGateway();
let browser: Browser;
const artifacts = new URL('../artifacts/', import.meta.url);

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: requireProgram(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', 'apt-get install chromium'),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 30_000);
afterAll(async () => {
  await browser?.close();
});

describe('GraphiQL in a browser', () => {
  it('runs an example operation against the simulators and shows the result', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const query = `query KiwiNumbers {\n  customer(id: "${KIWI}") {\n    phoneNumbers { phoneNumber e164 isPrimary }\n  }\n}`;
    await page.goto(`${gw.url}/graphql?query=${encodeURIComponent(query)}`);
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await expect.poll(async () => (await result.textContent()) ?? '', { timeout: 15_000 }).toContain('+6492645555');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: new URL('graphiql.png', artifacts).pathname });
    await page.close();
  }, 30_000);

  it('opens with the example operations, retirePhoneNumber first', async () => {
    const page = await browser.newPage();
    await page.goto(`${gw.url}/graphql`);
    const editor = page.locator('.graphiql-query-editor');
    await expect
      .poll(async () => ((await editor.textContent()) ?? '').replace(/\s+/g, ' '), { timeout: 15_000 })
      .toContain('mutation RetirePhoneNumber');
    await page.close();
  }, 30_000);

  it('streams a subscription to its final status, as a person runs it in GraphiQL', async () => {
    placeOrder(gw.sims, 'graphiql-order');
    const page = await browser.newPage();
    const subscription = 'subscription FollowDisconnectOrder {\n  disconnectOrder(id: "graphiql-order") { id status }\n}';
    await page.goto(`${gw.url}/graphql?query=${encodeURIComponent(subscription)}`);
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await expect.poll(async () => (await result.textContent()) ?? '', { timeout: 15_000 }).toContain('RECEIVED');
    await gw.sims.dashboard.advanceOrder('graphiql-order');
    await gw.sims.dashboard.advanceOrder('graphiql-order');
    await expect.poll(async () => (await result.textContent()) ?? '', { timeout: 15_000 }).toContain('COMPLETE');
    await page.close();
  }, 30_000);
});
