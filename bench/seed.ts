// Demo data at list scale for the fanout scenario: 40 more customers whose numbers come from a pool
// of 30, half of them imported at the carrier, so customers share numbers as real ones do.
import type { Simulators } from '../src/simulators/index.js';

export const fanoutCustomers = Array.from({ length: 40 }, (_, i) => `b0000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const pool = Array.from({ length: 30 }, (_, i) => `555 01${String(i).padStart(2, '0')}`);

/** Adds the customers and carrier records; returns how many distinct numbers the customers hold. */
export function seed(sims: Pick<Simulators, 'phoneNumbers' | 'catapult'>): number {
  fanoutCustomers.forEach((customerId, i) => {
    sims.phoneNumbers.state.customers.set(
      customerId,
      [0, 1].map((k) => ({
        phoneNumberId: `9${String(i * 2 + k).padStart(6, '0')}`,
        name: `Line ${k}`,
        countryCode: '+1',
        areaCode: '828',
        type: k === 0 ? 'work' : 'mobile',
        phoneNumber: pool[(i * 7 + k * 13) % pool.length] as string,
        isPrimary: k === 0 ? 'true' : 'false',
      })),
    );
  });
  pool.forEach((local, i) => {
    if (i % 2 !== 0) return;
    const digits = `828${local.replace(' ', '')}`;
    sims.catapult.state.numbers.push({
      application: 'https://api.catapult.example/v1/users/u/applications/a-bench',
      id: `n-bench${i}`,
      applicationId: 'a-bench',
      number: `+1${digits}`,
      nationalNumber: `(828) ${local.replace(' ', '-')}`,
      name: `+1${digits}`,
      createdTime: '2024-01-01T00:00:00Z',
      city: 'ASHEVILLE',
      state: 'NC',
      price: '0.35',
      numberState: 'enabled',
    });
  });
  return distinctFanoutNumbers(sims);
}

/** 50 ids: the 40 customers and 10 of them again. */
export const fanoutIds = [...fanoutCustomers, ...fanoutCustomers.slice(0, 10)];

/** Distinct E.164 numbers the 40 customers hold: what the carrier must be asked at least. */
function distinctFanoutNumbers(sims: Pick<Simulators, 'phoneNumbers'>): number {
  const numbers = new Set<string>();
  for (const id of fanoutCustomers) for (const p of sims.phoneNumbers.state.customers.get(id) ?? []) numbers.add(p.phoneNumber);
  return numbers.size;
}
