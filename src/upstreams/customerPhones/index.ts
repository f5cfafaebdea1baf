// Customer Phones API v1 (seed 000): JSON, RFC 7807 problems, a versioned all-or-nothing batch delete.
import { defineUpstream } from '../descriptor.js';
import { CustomerPhonesClient, readCustomerPhonesFailure } from './client.js';

export const customerPhones = defineUpstream({
  name: 'customerPhones',
  title: 'Customer Phones API v1',
  urlSetting: 'CUSTOMER_PHONES_URL',
  credentials: { CUSTOMER_PHONES_TOKEN: { simulator: 'sim-customer-phones-token', secret: true } },
  simulatorPort: 4101,
  scopes: ['phones:read', 'phones:write'],
  headers: (s) => ({ authorization: `Bearer ${s.CUSTOMER_PHONES_TOKEN}` }),
  readFailure: readCustomerPhonesFailure,
  client: (http) => new CustomerPhonesClient(http),
  simulator: async (setup, s) =>
    (await import('../../simulators/customerPhones.js')).startCustomerPhonesSimulator({ ...setup, token: s.CUSTOMER_PHONES_TOKEN }),
});
