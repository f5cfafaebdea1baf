// Demo data shared by the simulators, so that one customer id means the same customer in every upstream
// and every example in the README has something to show. Each simulator copies it into its own state.

/** The account the Contacts token identifies: it may act on its direct sub-customers only. */
export const RESELLER = '3f2c1a9e-6b1d-4e8a-9c77-0a1b2c3d4e00';
/** A US customer in both phone APIs, with contacts, numbers imported at the carrier and one that is not. */
export const ACME = '3f2c1a9e-6b1d-4e8a-9c77-0a1b2c3d4e01';
/** A New Zealand customer (the Phone Number document's own sample number). */
export const KIWI = '3f2c1a9e-6b1d-4e8a-9c77-0a1b2c3d4e02';
/** A sub-customer of ACME: two levels below the requester, so its contacts cannot be deleted (AUTH_1010). */
export const ACME_BRANCH = '3f2c1a9e-6b1d-4e8a-9c77-0a1b2c3d4e03';

export const demoCustomerPhones = () => ({
  [ACME]: {
    version: '3',
    phones: [
      {
        key: '5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e01',
        type: 'Phone',
        country: 'US',
        numberLocal: '(828) 333-4444',
        numberInternational: '+1 828-333-4444',
      },
      {
        key: '5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e02',
        type: 'Mobile',
        country: 'US',
        numberLocal: '(919) 230-2749',
        numberInternational: '+1 919-230-2749',
      },
      {
        key: '5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e03',
        type: 'Unknown',
        country: 'US',
        numberLocal: '(828) 555-0142',
        numberInternational: '+1 828-555-0142',
      },
    ],
  },
  [KIWI]: {
    version: '1',
    phones: [
      {
        key: '5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e04',
        type: 'Phone',
        country: 'NZ',
        numberLocal: '09 264 5555',
        numberInternational: '+64 9 264 5555',
      },
    ],
  },
  [ACME_BRANCH]: {
    version: '1',
    phones: [
      {
        key: '5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e05',
        type: 'Mobile',
        country: 'US',
        numberLocal: '(704) 555-0123',
        numberInternational: '+1 704-555-0123',
      },
    ],
  },
});

export const demoPhoneNumbers = () => ({
  [ACME]: [
    {
      phoneNumberId: '1000001',
      name: 'Front desk',
      countryCode: '+1',
      areaCode: '828',
      type: 'work',
      phoneNumber: '333 4444',
      isPrimary: 'true',
    },
    {
      phoneNumberId: '1000002',
      name: 'Dana Reyes',
      countryCode: '+1',
      areaCode: '919',
      type: 'mobile',
      phoneNumber: '230 2749',
      isPrimary: 'false',
    },
    { phoneNumberId: '1000003', name: 'Fax', countryCode: '+1', areaCode: '828', type: 'fax', phoneNumber: '555 0199', isPrimary: 'false' },
  ],
  [KIWI]: [
    {
      phoneNumberId: '7777777',
      name: 'john',
      countryCode: '+64',
      areaCode: '09',
      type: 'mobile',
      phoneNumber: '264 5555',
      isPrimary: 'true',
    },
  ],
  [ACME_BRANCH]: [],
});

/** Numbers imported at catapult, by E.164. */
export const demoCarrierNumbers = (userId: string) => [
  carrierNumber(userId, 'n-alghk4678lkghsdf', '+19192302749', '(919) 230-2749', 'CARY', 'NC', '2018-04-23T18:22:38Z'),
  carrierNumber(userId, 'n-5t3kz2lq7vbd0acf', '+18283334444', '(828) 333-4444', 'ASHEVILLE', 'NC', '2019-02-11T09:15:02Z'),
  carrierNumber(userId, 'n-q8w7e6r5t4y3u2i1', '+17045550123', '(704) 555-0123', 'CHARLOTTE', 'NC', '2020-07-30T14:40:00Z'),
  // Spare numbers for trying disconnects beyond the examples' own, each imported and billed.
  ...spareNumbers.map((n, i) =>
    carrierNumber(
      userId,
      `n-spare${i}`,
      `+1${n}`,
      `(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`,
      'CHARLOTTE',
      'NC',
      '2021-03-01T12:00:00Z',
    ),
  ),
];

/** Numbers for trying disconnects beyond the examples': +1 704 555 0124 to 0131, imported at catapult and billed on the Dashboard. */
const spareNumbers = Array.from({ length: 8 }, (_, i) => `70455501${24 + i}`);

function carrierNumber(
  userId: string,
  id: string,
  number: string,
  nationalNumber: string,
  city: string,
  state: string,
  createdTime: string,
) {
  return {
    application: `https://api.catapult.inetwork.com/v1/users/${userId}/applications/a-asdf`,
    id,
    applicationId: 'a-asdf',
    number,
    nationalNumber,
    name: number,
    createdTime,
    city,
    state,
    price: '0.35',
    numberState: 'enabled',
  };
}

/** Numbers billed on the Dashboard account (10-digit national numbers). 8285550142 is billed but not imported. */
export const demoDashboardNumbers = () => ['8283334444', '9192302749', '7045550123', '8285550142', ...spareNumbers];

export const demoContacts = () => ({
  /** Each customer's parent, for the one-level eligibility rule. */
  parents: { [ACME]: RESELLER, [KIWI]: RESELLER, [ACME_BRANCH]: ACME } as Record<string, string>,
  contacts: [
    {
      id: 'e7fcef24-5c03-41dd-9e33-995b7d6f32b1',
      customerId: ACME,
      type: 'EMAIL',
      value: 'ops@acme.example',
      name: 'Operations',
      status: 'ACTIVE',
    },
    {
      id: 'ceb892d2-f24b-4007-bf81-999fe75cb635',
      customerId: ACME,
      type: 'PHONE',
      value: '+1 828-333-4444',
      name: 'Front desk',
      status: 'ACTIVE',
    },
    {
      id: '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d',
      customerId: ACME,
      type: 'MOBILE',
      value: '+1 919-230-2749',
      name: 'Dana Reyes',
      status: 'ACTIVE',
    },
    { id: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', customerId: ACME, type: 'FAX', value: '+1 828-555-0199', name: 'Fax', status: 'DELETED' },
    {
      id: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
      customerId: KIWI,
      type: 'EMAIL',
      value: 'john@kiwi.example',
      name: 'John',
      status: 'ACTIVE',
    },
    {
      id: '3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a',
      customerId: KIWI,
      type: 'PHONE',
      value: '+64 9 264 5555',
      name: 'John',
      status: 'ACTIVE',
    },
    {
      id: '4e5f6a7b-8c9d-4e0f-9a1b-3c4d5e6f7a8b',
      customerId: ACME_BRANCH,
      type: 'EMAIL',
      value: 'branch@acme.example',
      name: 'Branch',
      status: 'ACTIVE',
    },
    {
      id: '5f6a7b8c-9d0e-4f1a-8b2c-4d5e6f7a8b9c',
      customerId: RESELLER,
      type: 'EMAIL',
      value: 'admin@reseller.example',
      name: 'Admin',
      status: 'ACTIVE',
    },
  ],
});

/** The UAPI user the token authenticates as (`@me`), and who owns which extension. */
export const UAPI_ME = '1001';
export const demoExtensions = () => ({ '0003*210': UAPI_ME, '0003*211': UAPI_ME, '0003*300': '1002' }) as Record<string, string>;

export const demoCalls = () => [
  {
    id: '7d280cc4feae3255a497',
    extension: '0003*210',
    phoneNumber: '8887777',
    direction: 'incoming',
    status: 'active',
    startedAt: '2026-11-24T09:00:00Z',
  },
  {
    id: 'a1b2c3d4e5f60718293a',
    extension: '0003*210',
    phoneNumber: '+19192302749',
    direction: 'outgoing',
    status: 'on-hold',
    startedAt: '2026-11-24T09:05:30Z',
  },
  {
    id: '0f9e8d7c6b5a49382716',
    extension: '0003*211',
    phoneNumber: '+18283334444',
    direction: 'incoming',
    status: 'ringing',
    startedAt: '2026-11-24T09:07:12Z',
  },
  // The same party as national digits: the UAPI holds numbers as the PBX saw them.
  {
    id: '3c4d5e6f708192a3b4c5',
    extension: '0003*211',
    phoneNumber: '8283334444',
    direction: 'outgoing',
    status: 'active',
    startedAt: '2026-11-24T09:10:40Z',
  },
  {
    id: '5e5e5e5e5e5e5e5e5e5e',
    extension: '0003*300',
    phoneNumber: '+6492645555',
    direction: 'outgoing',
    status: 'active',
    startedAt: '2026-11-24T08:55:00Z',
  },
];
