// Phone numbers in the upstreams' many formats, read and written with libphonenumber-js.
import { createLRUCache } from 'graphql-yoga';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CustomerPhoneRecord } from './upstreams/customerPhones/client.js';
import type { PhoneNumberRecord } from './upstreams/phoneNumbers/client.js';

/** E.164 of a number in any common format; NANP numbers may omit +1. Null when it is not a valid number. */
export function toE164(value: string, defaultCountry: CountryCode = 'US'): string | null {
  const parsed = parsePhoneNumberFromString(value, defaultCountry);
  return parsed?.isValid() ? parsed.number : null;
}

// Upstreams send the same numbers request after request; parsing one costs far more than a lookup.
const parsedNationals = createLRUCache<{ e164: string | null }>({ max: 50_000 });

/** E.164 from a number written in a country's national format, the country given by ISO code or calling code. */
function nationalToE164(value: string, country: { iso?: string | null; callingCode?: string | null }): string | null {
  const callingCode = country.callingCode?.replace(/\D/g, '');
  const key = `${callingCode ?? ''}|${country.iso ?? ''}|${value}`;
  const known = parsedNationals.get(key);
  if (known) return known.e164;
  let e164: string | null;
  if (value.trim().startsWith('+')) {
    e164 = toE164(value);
  } else {
    e164 = parseNational(value, callingCode, country.iso);
  }
  parsedNationals.set(key, { e164 });
  return e164;
}

/** libphonenumber-js throws on a calling code or country it does not know: upstream data such as "0064" is a null, not a crash. */
function parseNational(value: string, callingCode: string | undefined, iso: string | null | undefined): string | null {
  try {
    const parsed = callingCode
      ? parsePhoneNumberFromString(value, { defaultCallingCode: callingCode })
      : parsePhoneNumberFromString(value, (iso?.toUpperCase() as CountryCode | undefined) ?? 'US');
    return parsed?.isValid() ? parsed.number : null;
  } catch {
    return null;
  }
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

/** Caches a derivation per record object: a record read once per request is asked for its E.164 by several fields. */
function perRecord<R extends object, V>(derive: (record: R) => V): (record: R) => V {
  const cache = new WeakMap<R, V>();
  return (record) => {
    if (cache.has(record)) return cache.get(record) as V;
    const value = derive(record);
    cache.set(record, value);
    return value;
  };
}

/** E.164 of a Customer Phones record: its international form, else its local form in its country. */
export const customerPhoneE164 = perRecord((phone: CustomerPhoneRecord): string | null => {
  if (phone.numberInternational) {
    const e164 = nationalToE164(phone.numberInternational, { iso: phone.country });
    if (e164) return e164;
  }
  return phone.numberLocal ? nationalToE164(phone.numberLocal, { iso: phone.country }) : null;
});

/** E.164 from a Phone Number object's parts: countryCode (e.g. +64), areaCode (e.g. 09) and phoneNumber (e.g. 264 5555). */
function phoneNumberE164(record: {
  countryCode?: string | null | undefined;
  areaCode?: string | null | undefined;
  phoneNumber: string;
}): string | null {
  const local = `${record.areaCode ?? ''} ${record.phoneNumber}`.trim();
  return nationalToE164(local, { callingCode: record.countryCode ?? '1' });
}

/** phoneNumberE164 of a record read from the upstream, derived once per record. */
export const phoneNumberRecordE164 = perRecord((record: PhoneNumberRecord) => phoneNumberE164(record));
