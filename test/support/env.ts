// A production environment with every upstream configured, from the registry (a new upstream is in it at
// once), and a signing key: what a test of production settings starts from.
import { descriptors } from '../../src/upstreams/registry.js';

export const productionEnv: Record<string, string> = {
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: 'a-production-signing-key-of-32-chars!',
  ...Object.fromEntries(
    descriptors.flatMap((d) => [
      [d.urlSetting, `https://${d.name.toLowerCase()}.example`],
      ...Object.keys(d.credentials).map((setting) => [setting, `${setting.toLowerCase()}-value`]),
    ]),
  ),
};
