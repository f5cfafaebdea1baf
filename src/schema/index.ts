// The whole schema: the domain files register their types and fields on the builder as they load.
import { builder } from '../builder.js';
import './customer.js';
import './carrier.js';
import './customerPhone.js';
import './phoneNumber.js';
import './contact.js';
import './phoneCall.js';
import './disconnectOrder.js';
import './retire.js';

/** An Apollo Federation 2 subgraph schema (`_service`, `_entities`), also served as a plain GraphQL API. */
export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6', federationDirectives: ['@key'] });
