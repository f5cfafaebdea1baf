// The redactor behind every upstream answer: each spelling of a credential an upstream may send back is removed.
import { describe, expect, it } from 'vitest';
import { redactor } from '../src/upstreams/http/redact.js';

const secret = 'p@ss/w"rd+1';
const redact = redactor([secret], [`Basic ${Buffer.from(`user:${secret}`).toString('base64')}`]);

describe('the redactor', () => {
  it.each([
    ['as configured', secret],
    ['base64', Buffer.from(secret).toString('base64')],
    ['base64url', Buffer.from(secret).toString('base64url')],
    ['percent-encoded', encodeURIComponent(secret)],
    ['JSON-escaped', JSON.stringify(secret).slice(1, -1)],
    ['as the Basic header it was sent in', `Basic ${Buffer.from(`user:${secret}`).toString('base64')}`],
    ['as the Basic token alone', Buffer.from(`user:${secret}`).toString('base64')],
  ])('removes a credential %s', (_, spelling) => {
    expect(redact(`{"detail":"refused ${spelling} here"}`)).toBe('{"detail":"refused [redacted] here"}');
  });

  it('leaves a text without credentials as it is', () => {
    const text = '{"phones":[{"key":"5b0c3f1e","numberInternational":"+64 9 264 5555"}]}';
    expect(redact(text)).toBe(text);
  });
});
