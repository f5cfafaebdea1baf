// Customer Services Phone Number API v1.0 (seed 001): string booleans, lower-case types, one primary number.
import { defineUpstream } from '../descriptor.js';
import { readProblemFailure } from '../problem.js';
import { PhoneNumbersClient } from './client.js';

export const phoneNumbers = defineUpstream({
  name: 'phoneNumbers',
  title: 'Customer Services Phone Number API v1.0',
  urlSetting: 'PHONE_NUMBERS_URL',
  credentials: { PHONE_NUMBERS_KEY: { simulator: 'sim-phone-numbers-key', secret: true } },
  simulatorPort: 4102,
  scopes: ['phones:read', 'phones:write'],
  headers: (s) => ({ 'ocp-apim-subscription-key': s.PHONE_NUMBERS_KEY }),
  readFailure: readProblemFailure,
  client: (http) => new PhoneNumbersClient(http),
  // The documented environment ends in /CustomerServices/v1.0; the simulator serves the same.
  simulator: async (setup, s) =>
    (await import('../../simulators/phoneNumbers.js')).startPhoneNumbersSimulator({
      ...setup,
      basePath: '/CustomerServices/v1.0',
      subscriptionKey: s.PHONE_NUMBERS_KEY,
    }),
});
