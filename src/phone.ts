// Phone numbers in the upstreams' many formats, read and written with libphonenumber-js.
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { LRUCache } from 'lru-cache';
import { perObject } from './per-object.js';

/** What a Customer Phones record holds of its number (seed 000). */
interface CustomerPhoneNumber {
  country?: string | null | undefined;
  numberLocal?: string | null | undefined;
  numberInternational?: string | null | undefined;
}

/** What a Phone Number API record holds of its number (seed 001). */
interface PhoneNumberParts {
  countryCode?: string | null | undefined;
  areaCode?: string | null | undefined;
  phoneNumber: string;
}

/**
 * Written internationally: a leading `+`, or `00` and a country code (`0064 9 264 5555`). The same reading
 * for every upstream and every argument (gateway.md, "Reading numbers").
 */
function international(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed.startsWith('+')) return trimmed;
  return trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : null;
}

/** A parsed number's E.164, or null when it is not a valid number (libphonenumber-js throws on some junk). */
function valid(parse: () => ReturnType<typeof parsePhoneNumberFromString>): string | null {
  try {
    const parsed = parse();
    return parsed?.isValid() ? parsed.number : null;
  } catch {
    return null;
  }
}

/** E.164 of a number in any common format: international, or national in `defaultCountry` (NANP numbers may omit +1). Null when it is not a valid number. */
export function toE164(value: string, defaultCountry: CountryCode = 'US'): string | null {
  const written = international(value);
  return valid(() => (written ? parsePhoneNumberFromString(written) : parsePhoneNumberFromString(value, defaultCountry)));
}

// Upstreams send the same numbers request after request; parsing one costs far more than a lookup. No
// time to live: a number's E.164 never changes, and checking an entry's age costs each lookup a clock read.
const parsed = new LRUCache<string, { e164: string | null }>({ max: 50_000 });

function cached(key: string, read: () => string | null): string | null {
  const known = parsed.get(key);
  if (known) return known.e164;
  const e164 = read();
  parsed.set(key, { e164 });
  return e164;
}

/**
 * E.164 of a number an upstream holds, read the one way every upstream is read: written internationally
 * (`+`, or `00` and a country code) it stands alone; otherwise it is national in the country given by ISO
 * code or calling code (`+64`, `64` or `0064`), and with no country at all it is not guessed: null.
 */
function upstreamE164(value: string, country: { iso?: string | null | undefined; callingCode?: string | null | undefined }): string | null {
  const callingCode = country.callingCode
    ? (international(country.callingCode) ?? `+${country.callingCode.trim()}`).replace(/\D/g, '')
    : '';
  const iso = country.iso?.trim().toUpperCase() ?? '';
  return cached(`${callingCode}|${iso}|${value}`, () => {
    const written = international(value);
    if (written) return valid(() => parsePhoneNumberFromString(written));
    if (callingCode) return valid(() => parsePhoneNumberFromString(value, { defaultCallingCode: callingCode }));
    if (iso) return valid(() => parsePhoneNumberFromString(value, iso as CountryCode));
    return null;
  });
}

/** A field documented as international (`numberInternational`) holds the country code even without `+` or `00`. */
function internationalFieldE164(value: string): string | null {
  return cached(`intl|${value}`, () => {
    const written = international(value) ?? `+${value.trim()}`;
    return valid(() => parsePhoneNumberFromString(written));
  });
}

/** The forms in which a call's party may hold an E.164 number: as is, without the +, and as national digits (with any trunk prefix). */
export function callPartyForms(e164: string): Set<string> {
  const forms = new Set([e164, e164.slice(1)]);
  const parsed = parsePhoneNumberFromString(e164);
  if (parsed) {
    forms.add(parsed.nationalNumber);
    forms.add(parsed.formatNational().replace(/\D/g, ''));
  }
  return forms;
}

/** The 10-digit national number of a NANP (+1) number, as the Dashboard wants it; null for other countries. */
export function nanpNationalNumber(e164: string): string | null {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed?.countryCallingCode === '1' && parsed.nationalNumber.length === 10 ? parsed.nationalNumber : null;
}

/** A Dashboard 10-digit national number as E.164. */
export function nanpToE164(national: string): string {
  return `+1${national}`;
}

/**
 * E.164 of a Customer Phones record: its international form, else its local form in its country; null with
 * neither. Made once per record: a record read once per request is asked for it by several fields.
 */
export const customerPhoneE164 = perObject((phone: CustomerPhoneNumber): string | null => {
  const e164 = phone.numberInternational ? internationalFieldE164(phone.numberInternational) : null;
  if (e164) return e164;
  return phone.numberLocal ? upstreamE164(phone.numberLocal, { iso: phone.country }) : null;
});

/**
 * E.164 of a Phone Number API record from its parts: countryCode (`+64`, `64` or `0064`), areaCode (`09`)
 * and phoneNumber (`264 5555`). Seed 001 gives no default country: a record without one is null, unless its
 * phoneNumber is written internationally itself.
 */
export const phoneNumberRecordE164 = perObject((record: PhoneNumberParts): string | null => {
  if (international(record.phoneNumber)) return upstreamE164(record.phoneNumber, {});
  return upstreamE164(`${record.areaCode ?? ''} ${record.phoneNumber}`.trim(), { callingCode: record.countryCode });
});
