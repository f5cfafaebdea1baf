// The peer: what a team would write instead of a gateway. Apollo Server with one RESTDataSource per
// upstream, made per request, with its default fetcher and its per-request memo of GETs.
import { type AugmentedRequest, RESTDataSource } from '@apollo/datasource-rest';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { loadConfig } from '../../src/config.js';
import { credentialHeaders } from '../../src/upstreams/index.js';
import type { UpstreamName } from '../../src/upstreams/registry.js';
import { type Reads, resolvers, typeDefs } from './schema.js';
import type { CarrierWire, ContactWire, CustomerPhoneWire, PhoneNumberWire } from './upstream-calls.js';

const config = loadConfig({ ...process.env, NODE_ENV: 'development' });
const auth = credentialHeaders(config);

/** A RESTDataSource for one upstream: its base URL and its credentials. */
class Upstream extends RESTDataSource {
  constructor(private readonly upstream: UpstreamName) {
    super();
    this.baseURL = `${config.upstreams[upstream].url}/`;
  }

  override willSendRequest(_path: string, request: AugmentedRequest): void {
    Object.assign(request.headers, auth[this.upstream]);
  }

  read<T>(path: string, params?: Record<string, string>): Promise<T> {
    return this.get<T>(path, params ? { params } : undefined);
  }

  remove<T>(path: string, params?: Record<string, string>): Promise<T> {
    return this.delete<T>(path, params ? { params } : undefined);
  }
}

function requestReads(): Reads {
  const customerPhones = new Upstream('customerPhones');
  const phoneNumbers = new Upstream('phoneNumbers');
  const catapult = new Upstream('catapult');
  const contacts = new Upstream('contacts');
  const uapi = new Upstream('uapi');
  const userId = config.upstreams.catapult.settings.CATAPULT_USER_ID;
  return {
    phones: (id) => customerPhones.read<{ version: string; phones: CustomerPhoneWire[] }>(`v1/customers/${id}/phones`),
    phoneNumbers: (id) => phoneNumbers.read<PhoneNumberWire[]>(`customers/${id}/phoneNumbers`),
    contacts: (id, page, size) =>
      contacts.read<{ content: ContactWire[]; pageable: { totalElements: number } }>(`api/v2/customer/${id}/contact`, {
        page: String(page),
        size: String(size),
      }),
    carrier: async (e164) => {
      if (e164 === null) return null;
      try {
        return await catapult.read<CarrierWire>(`v1/users/${userId}/phoneNumbers/${e164}`);
      } catch (error) {
        // A number the carrier does not know is a 404 and a null, as in the gateway.
        if ((error as { extensions?: { response?: { status?: number } } }).extensions?.response?.status === 404) return null;
        throw error;
      }
    },
    hangUp: async (extension, phoneNumber) => {
      const hungUp = await uapi.remove<{ id: string }[] | string>(`uapi/phoneCalls/@me/${extension}`, { phoneNumber });
      return Array.isArray(hungUp) ? hungUp.map((c) => c.id) : [];
    },
  };
}

const server = new ApolloServer<{ reads: Reads }>({ typeDefs, resolvers });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env.PORT ?? 0), host: '127.0.0.1' },
  context: async () => ({ reads: requestReads() }),
});
process.send?.({ port: Number(new URL(url).port) });
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
