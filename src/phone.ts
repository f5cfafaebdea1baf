// Phone numbers in the upstreams' many formats, read and written with libphonenumber-js.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** E.164 of a number in any common format; NANP numbers may omit +1. Null when it is not a valid number. */
export function toE164(value: string, defaultCountry: CountryCode = 'US'): string | null {
  const parsed = parsePhoneNumberFromString(value, defaultCountry);
  return parsed?.isValid() ? parsed.number : null;
}

/** E.164 from a number written in a country's national format, the country given by ISO code or calling code. */
export function nationalToE164(value: string, country: { iso?: string | null; callingCode?: string | null }): string | null {
  if (value.trim().startsWith('+')) return toE164(value);
  const callingCode = country.callingCode?.replace(/\D/g, '');
  const parsed = callingCode
    ? parsePhoneNumberFromString(value, { defaultCallingCode: callingCode })
    : parsePhoneNumberFromString(value, (country.iso?.toUpperCase() as CountryCode | undefined) ?? 'US');
  return parsed?.isValid() ? parsed.number : null;
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
export function perRecord<R extends object, V>(derive: (record: R) => V): (record: R) => V {
  const cache = new WeakMap<R, V>();
  return (record) => {
    if (cache.has(record)) return cache.get(record) as V;
    const value = derive(record);
    cache.set(record, value);
    return value;
  };
}
