// The GraphQL-over-HTTP spec's MUSTs, as the graphql-http package audits a running server.
import { serverAudits } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { useGateway } from '../support/gateway.js';

const gw = useGateway();
const audits = serverAudits({ url: () => `${gw.url}/graphql` }).filter((audit) => audit.name.startsWith('MUST'));

describe('GraphQL over HTTP', () => {
  it('has MUST audits to run', () => {
    expect(audits.length).toBeGreaterThan(10);
  });

  it.each(audits.map((audit) => [audit.name, audit] as const))('%s', async (_, audit) => {
    const result = await audit.fn();
    expect(result.status, 'reason' in result ? result.reason : undefined).toBe('ok');
  });
});
