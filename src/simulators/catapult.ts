// Simulator of catapult, Bandwidth's Voice & Messaging API v1 (JSON): find an imported number by E.164
// (or by its number-id) and un-import it.

import { basicCredentials } from '../upstreams/http/request.js';
import { demoCarrierNumbers } from './demo.js';
import { json, type SimulatorOptions, type SimulatorReply, SimulatorServer } from './server.js';

export type CarrierNumberRecord = ReturnType<typeof demoCarrierNumbers>[number];

export interface CatapultState {
  numbers: CarrierNumberRecord[];
}

const failure = (status: number, category: string, code: string, message: string): SimulatorReply =>
  json(status, { category, code, message });

export function catapultState(userId: string): CatapultState {
  return { numbers: demoCarrierNumbers(userId) };
}

export async function startCatapultSimulator(
  options: SimulatorOptions & { userId: string; apiToken: string; apiSecret: string; state?: CatapultState },
): Promise<SimulatorServer & { state: CatapultState }> {
  const state = options.state ?? catapultState(options.userId);
  const notImported = (value: string) =>
    failure(404, 'not-found', 'number-not-found', `The number ${value} is not imported on this account.`);
  const forOwnUser = (userId: string, then: () => SimulatorReply) =>
    userId === options.userId
      ? then()
      : failure(403, 'authorization', 'user-forbidden', 'The credentials do not grant access to this user.');
  const find = (idOrNumber: string) =>
    state.numbers.findIndex((n) => (idOrNumber.startsWith('+') ? n.number === idOrNumber : n.id === idOrNumber));

  const server = new SimulatorServer(
    {
      authenticate: (headers) => {
        const credentials = basicCredentials(headers.authorization);
        return credentials?.user === options.apiToken && credentials.password === options.apiSecret
          ? undefined
          : failure(401, 'authentication', 'unauthorized', 'Invalid API token or secret.');
      },
      notFound: () => failure(404, 'not-found', 'resource-not-found', 'No such resource.'),
      badRequest: (words) => failure(400, 'bad-request', 'invalid-request', words),
      restoreDemo: () => Object.assign(state, catapultState(options.userId)),
      routes: [
        {
          method: 'GET',
          pattern: '/v1/users/:userId/phoneNumbers/:number',
          handler: ({ params }) =>
            forOwnUser(params.userId as string, () => {
              const index = find(params.number as string);
              return index < 0 ? notImported(params.number as string) : json(200, state.numbers[index]);
            }),
        },
        {
          method: 'DELETE',
          pattern: '/v1/users/:userId/phoneNumbers/:numberId',
          handler: ({ params }) =>
            forOwnUser(params.userId as string, () => {
              const index = find(params.numberId as string);
              if (index < 0) return notImported(params.numberId as string);
              state.numbers.splice(index, 1);
              return { status: 200 };
            }),
        },
      ],
    },
    options,
  );
  await server.listen(options.host, options.port);
  return Object.assign(server, { state });
}
