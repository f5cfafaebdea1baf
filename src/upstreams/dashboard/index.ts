// Bandwidth Dashboard API (seed 002): XML disconnect orders that complete later, by polling or callback.
import { defineUpstream } from '../descriptor.js';
import { basicAuth } from '../http/request.js';
import { DashboardClient, readDashboardFailure } from './client.js';

export const dashboard = defineUpstream({
  name: 'dashboard',
  title: 'Bandwidth Dashboard API',
  urlSetting: 'BANDWIDTH_DASHBOARD_URL',
  credentials: {
    BANDWIDTH_ACCOUNT_ID: { simulator: '9900001', secret: false },
    BANDWIDTH_USERNAME: { simulator: 'sim-dashboard-user', secret: false },
    BANDWIDTH_PASSWORD: { simulator: 'sim-dashboard-password', secret: true },
  },
  simulatorPort: 4104,
  scopes: ['numbers:read', 'numbers:disconnect'],
  headers: (s) => ({ authorization: basicAuth(s.BANDWIDTH_USERNAME, s.BANDWIDTH_PASSWORD) }),
  readFailure: readDashboardFailure,
  client: (http, s) => new DashboardClient(http, s.BANDWIDTH_ACCOUNT_ID),
  // The documented base URL ends in /api; the simulator serves the same.
  simulator: async (setup, s) =>
    (await import('../../simulators/dashboard.js')).startDashboardSimulator({
      ...setup,
      basePath: '/api',
      accountId: s.BANDWIDTH_ACCOUNT_ID,
      username: s.BANDWIDTH_USERNAME,
      password: s.BANDWIDTH_PASSWORD,
    }),
});
