// How many upstream requests a query makes: one per distinct thing it needs, whatever the query repeats.
import { describe, expect, it, vi } from 'vitest';
import { ACME, KIWI } from '../../src/simulators/demo.js';
import { CustomersWithCarriersDocument } from '../generated/graphql.js';
import { useGateway } from '../support/gateway.js';

const gw = useGateway();

describe('fan-out through dataloaders', () => {
  it('loads each distinct customer once per upstream, however often the ids repeat', async () => {
    const res = await gw.graphql(CustomersWithCarriersDocument, { ids: [ACME, KIWI, ACME, ACME, KIWI] });
    expect(res.errors).toBeUndefined();
    expect(res.data?.customers).toHaveLength(5);
    expect(gw.calls('customerPhones')).toBe(2);
    expect(gw.calls('phoneNumbers')).toBe(2);
  });

  it('looks each E.164 number up at the carrier once, across both phone APIs and all customers', async () => {
    // ACME's phones and phone numbers share +18283334444 and +19192302749; each API has one more of its own; KIWI has +6492645555.
    await gw.graphql(CustomersWithCarriersDocument, { ids: [ACME, KIWI, ACME] });
    const looked = gw.sims.catapult.requests.map((r) => r.path.split('/').pop());
    expect(looked.sort()).toEqual(['+18283334444', '+18285550142', '+18285550199', '+19192302749', '+6492645555']);
  });

  it('makes one call for aliases of the same field and for two spellings of one number', async () => {
    const res = await gw.graphql(`{
      a: carrierNumber(number: "+1 919 230 2749") { id }
      b: carrierNumber(number: "(919) 230-2749") { id }
      c: carrierNumber(number: "+19192302749") { number }
      x: customer(id: "${ACME}") { phoneNumbers { id } }
      y: customer(id: "${ACME}") { primaryPhoneNumber { id } phoneNumbers { e164 } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(gw.calls('catapult')).toBe(1);
    expect(gw.calls('phoneNumbers')).toBe(1);
  });

  it('calls independent upstreams concurrently, not one after another', async () => {
    gw.sims.customerPhones.inject({ kind: 'hold' }, { times: 1 });
    const pending = gw.graphql(`{ customer(id: "${ACME}") { phones { version } contacts { totalElements } phoneNumbers { id } } }`);
    // While Customer Phones is held unanswered, the other two upstreams have already been asked.
    await vi.waitFor(() => {
      expect(gw.calls('customerPhones')).toBe(1);
      expect(gw.calls('contacts')).toBe(1);
      expect(gw.calls('phoneNumbers')).toBe(1);
    });
    gw.sims.customerPhones.releaseHeld();
    expect((await pending).errors).toBeUndefined();
  });
});
