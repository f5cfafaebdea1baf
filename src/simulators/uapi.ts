// Simulator of the VoipNow UAPI PhoneCalls resource: live calls on extensions, `@me`/`@viewer`/`@owner`
// user ids, `@self` for all of a user's extensions, and hang-up answering 200 with ids or 204.
import { demoCalls, demoExtensions, UAPI_ME } from './demo.js';
import { bearerToken, json, type RouteContext, type SimulatorOptions, type SimulatorReply, SimulatorServer } from './server.js';

export interface PhoneCallRecord {
  id: string;
  extension: string;
  phoneNumber: string;
  direction: 'incoming' | 'outgoing';
  status: 'ringing' | 'active' | 'on-hold';
  startedAt: string;
}

export interface UapiState {
  /** Extension number → the user id that owns it. */
  extensions: Record<string, string>;
  calls: PhoneCallRecord[];
}

export function uapiState(): UapiState {
  return { extensions: demoExtensions(), calls: demoCalls().map((c) => ({ ...c }) as PhoneCallRecord) };
}

const failure = (status: number, code: string, message: string): SimulatorReply => json(status, { error: { code, message } });

export async function startUapiSimulator(
  options: SimulatorOptions & { token: string; userId?: string; state?: UapiState },
): Promise<SimulatorServer & { state: UapiState }> {
  const state = options.state ?? uapiState();
  const me = options.userId ?? UAPI_ME;

  /** The calls a (userId, extension) pair addresses. */
  const callsOf = (userId: string, extension: string): PhoneCallRecord[] => {
    const owner = (ext: string) => state.extensions[ext];
    const user =
      userId === '@me' || userId === '@viewer' ? me : userId === '@owner' ? (extension === '@self' ? me : owner(extension)) : userId;
    return state.calls.filter((call) => owner(call.extension) === user && (extension === '@self' || call.extension === extension));
  };

  const hangUp = ({ params, query }: RouteContext): SimulatorReply => {
    const phoneNumber = query.get('phoneNumber');
    if (phoneNumber !== null && !/^\+?\d+$/.test(phoneNumber)) {
      return failure(400, 'pc_phonenumber_invalid', 'Value supplied in phoneNumber parameter is missing or invalid.');
    }
    let targets = callsOf(params.userId as string, params.extension as string);
    const phoneCallId = params.phoneCallId;
    if (phoneCallId !== undefined) {
      const call = /^[A-Za-z0-9]+$/.test(phoneCallId) ? targets.find((c) => c.id === phoneCallId) : undefined;
      if (!call) return failure(400, 'pc_phoncall_invalid', 'Value supplied in phoneCallId from the URI-Fragment is invalid.');
      targets = [call];
    }
    // The party as written: the UAPI documents no normalisation, so `+1828…` and `828…` are different parties.
    if (phoneNumber !== null) targets = targets.filter((c) => c.phoneNumber === phoneNumber);
    if (targets.length === 0) return { status: 204 };
    const hungUp = new Set(targets);
    state.calls = state.calls.filter((c) => !hungUp.has(c));
    // As the seed's example answers: the ids only (its model allows whole PhoneCall objects).
    return json(
      200,
      targets.map((c) => ({ id: c.id })),
    );
  };

  const server = new SimulatorServer(
    {
      authenticate: (headers) =>
        bearerToken(headers) === options.token ? undefined : failure(401, 'unauthorized', 'The access token is invalid.'),
      notFound: () => failure(404, 'not_found', 'No such resource.'),
      badRequest: (words) => failure(400, 'pc_phoncall_invalid', words),
      restoreDemo: () => Object.assign(state, uapiState()),
      routes: [
        {
          method: 'GET',
          pattern: '/uapi/phoneCalls/:userId/:extension',
          handler: ({ params }) => json(200, callsOf(params.userId as string, params.extension as string)),
        },
        { method: 'DELETE', pattern: '/uapi/phoneCalls/:userId/:extension', handler: hangUp },
        { method: 'DELETE', pattern: '/uapi/phoneCalls/:userId/:extension/:phoneCallId', handler: hangUp },
      ],
    },
    options,
  );
  await server.listen(options.host, options.port);
  return Object.assign(server, { state });
}
