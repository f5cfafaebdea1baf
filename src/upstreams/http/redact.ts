// Upstream text never carries the gateway's credentials out: an upstream that repeats a request in its
// answer (a common debugging habit) would otherwise hand them to a caller in an error message or a log line.

const mask = '[redacted]';

/** The forms in which a credential may come back: as sent, as its header carries it, base64, URL- or JSON-escaped. */
function spellings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, bytes.toString('base64'), bytes.toString('base64url'), encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
}

/**
 * A function that removes every spelling of these secrets from a text. `headerValues` are the credential
 * headers as sent (`Basic dXNlcjpwYXNz`, `Bearer t`): their token part is what an echo holds.
 */
export function redactor(secrets: readonly string[], headerValues: readonly string[] = []): (text: string) => string {
  const tokens = headerValues.flatMap((value) => [value, value.slice(value.indexOf(' ') + 1)]);
  // Longest first, so a form that holds a shorter one is removed whole. One pattern, so each answer is
  // scanned once, not once per spelling.
  const needles = [...new Set([...secrets.flatMap(spellings), ...tokens])].filter((n) => n !== '').sort((a, b) => b.length - a.length);
  if (needles.length === 0) return (text) => text;
  const pattern = new RegExp(needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return (text) => text.replace(pattern, mask);
}
