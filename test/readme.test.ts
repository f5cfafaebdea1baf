// The README runs: every GraphQL block in it, in order, against a gateway on the simulators as
// `npm start` serves it. A placeholder such as <order id> is filled from an answer before it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { subscribe, useGateway } from './support/gateway.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => (m[1] as string).trim());
// Orders complete on their own, as under `npm start`, so the subscription example reaches a final status.
const gw = useGateway({ DISCONNECT_POLL_MS: '100' }, { simulators: { orderStepMs: 200 } });

/** The last order id an answer mentioned. */
function lastOrderId(answer: unknown): string | undefined {
  const ids = [...JSON.stringify(answer).matchAll(/"order":\{"id":"([^"]+)"/g)].map((m) => m[1]);
  return ids.at(-1);
}

describe('README', () => {
  it('has a GraphQL example for every capability', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(15);
  });

  it('runs every GraphQL block, in order, without an error', async () => {
    let orderId: string | undefined;
    const failures: string[] = [];
    for (const block of blocks) {
      // A block may hold a query and a subscription, one per operation.
      for (const operation of block.split(/\n(?=query|mutation|subscription)/)) {
        const text = orderId ? operation.replaceAll('<order id>', orderId) : operation;
        if (text.startsWith('subscription')) {
          const events = await subscribe(gw, text, {});
          if (events.length === 0 || events.some((e) => e.errors)) failures.push(`${text.slice(0, 80)}: ${JSON.stringify(events.at(-1))}`);
          continue;
        }
        const answer = await gw.graphql(text);
        if (answer.errors) failures.push(`${text.slice(0, 80)}: ${JSON.stringify(answer.errors)}`);
        orderId = lastOrderId(answer.data) ?? orderId;
      }
    }
    expect(failures).toEqual([]);
  }, 30_000);
});
