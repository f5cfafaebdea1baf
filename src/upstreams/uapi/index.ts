// VoipNow UAPI PhoneCalls (seed 004): @me, @self and 0003*210 in paths; 204 when there is nothing to hang up.
import { defineUpstream } from '../descriptor.js';
import { readUapiFailure, UapiClient } from './client.js';

export const uapi = defineUpstream({
  name: 'uapi',
  title: 'VoipNow UAPI PhoneCalls',
  urlSetting: 'UAPI_URL',
  credentials: { UAPI_TOKEN: { simulator: 'sim-uapi-token', secret: true } },
  simulatorPort: 4106,
  scopes: ['calls:read', 'calls:write'],
  headers: (s) => ({ authorization: `Bearer ${s.UAPI_TOKEN}` }),
  readFailure: readUapiFailure,
  client: (http) => new UapiClient(http),
  simulator: async (setup, s) => (await import('../../simulators/uapi.js')).startUapiSimulator({ ...setup, token: s.UAPI_TOKEN }),
});
