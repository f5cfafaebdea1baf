// Customer Contacts API v2 (seed 003): an envelope whose errorCode tells failure, even on HTTP 200.
import { defineUpstream } from '../descriptor.js';
import { ContactsClient, readContactsFailure } from './client.js';

export const contacts = defineUpstream({
  name: 'contacts',
  title: 'Customer Contacts API v2',
  urlSetting: 'CONTACTS_URL',
  credentials: { CONTACTS_TOKEN: { simulator: 'sim-contacts-token', secret: true } },
  simulatorPort: 4105,
  scopes: ['contacts:read', 'contacts:write'],
  headers: (s) => ({ authorization: `Bearer ${s.CONTACTS_TOKEN}` }),
  readFailure: readContactsFailure,
  client: (http) => new ContactsClient(http),
  simulator: async (setup, s) =>
    (await import('../../simulators/contacts.js')).startContactsSimulator({ ...setup, token: s.CONTACTS_TOKEN }),
});
