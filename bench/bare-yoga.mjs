// The floor under `hello`: a Yoga server with a one-field schema and Yoga's defaults, nothing of
// Switchboard. The benchmark runs it beside the gateway so Yoga's own cost per request is visible.
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';

const yoga = createYoga({ schema: createSchema({ typeDefs: 'type Query { ok: Boolean }' }), logging: false });
const server = createServer(yoga).listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));
