// Bandwidth Voice & Messaging API v1 (seed 002, "catapult"): find a number's id by E.164, un-import it.
import { defineUpstream } from '../descriptor.js';
import { basicAuth } from '../http/request.js';
import { CatapultClient, readCatapultFailure } from './client.js';

export const catapult = defineUpstream({
  name: 'catapult',
  title: 'Bandwidth Voice & Messaging API v1',
  urlSetting: 'CATAPULT_URL',
  credentials: {
    CATAPULT_USER_ID: { simulator: 'u-switchboard', secret: false },
    CATAPULT_API_TOKEN: { simulator: 't-sim-token', secret: true },
    CATAPULT_API_SECRET: { simulator: 'sim-api-secret', secret: true },
  },
  simulatorPort: 4103,
  scopes: ['numbers:read', 'numbers:disconnect'],
  headers: (s) => ({ authorization: basicAuth(s.CATAPULT_API_TOKEN, s.CATAPULT_API_SECRET) }),
  readFailure: readCatapultFailure,
  client: (http, s) => new CatapultClient(http, s.CATAPULT_USER_ID),
  simulator: async (setup, s) =>
    (await import('../../simulators/catapult.js')).startCatapultSimulator({
      ...setup,
      userId: s.CATAPULT_USER_ID,
      apiToken: s.CATAPULT_API_TOKEN,
      apiSecret: s.CATAPULT_API_SECRET,
    }),
});
