import { describe, expect, it, vi } from 'vitest';
import { ACME } from '../../src/simulators/demo.js';
import { useGateway } from '../support/gateway.js';

const gw = useGateway();

describe('federation subgraph', () => {
  it('serves its SDL at _service with Customer as an entity keyed by id', async () => {
    const res = await gw.graphql<{ _service: { sdl: string } }>('{ _service { sdl } }');
    expect(res.data?._service.sdl).toMatch(/type Customer\s+@key\(fields: "id"\)/);
    expect(res.data?._service.sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.6"');
  });

  it('resolves Customer representations through _entities, fields from the upstreams', async () => {
    const res = await gw.graphql<{ _entities: { id: string; primaryPhoneNumber: { e164: string } }[] }>(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Customer { id primaryPhoneNumber { e164 } } } }`,
      { representations: [{ __typename: 'Customer', id: ACME }] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([{ id: ACME, primaryPhoneNumber: { e164: '+18283334444' } }]);
  });

  it('resolves representations written inline, and writes nothing to stderr about them', async () => {
    const stderr = vi.spyOn(console, 'error');
    try {
      const res = await gw.graphql<{ _entities: { id: string }[] }>(
        `{ _entities(representations: [{ __typename: "Customer", id: "${ACME}" }]) { ... on Customer { id } } }`,
      );
      expect(res.data?._entities).toEqual([{ id: ACME }]);
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stderr.mockRestore();
    }
  });
});
