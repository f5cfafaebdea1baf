// Demo data at list scale for the fanout scenario: 40 more customers whose numbers come from a pool
// of 30, half of them imported at the carrier, so customers share numbers as real ones do.
import { RESELLER } from '../src/simulators/demo.js';
import type { Simulators } from '../src/simulators/index.js';

export const fanoutCustomers = Array.from({ length: 40 }, (_, i) => `b0000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const pool = Array.from({ length: 30 }, (_, i) => `555 01${String(i).padStart(2, '0')}`);

/** Adds the customers and carrier records; returns how many distinct numbers the customers hold. */
export function seed(sims: Pick<Simulators, 'customerPhones' | 'phoneNumbers' | 'contacts' | 'catapult'>): number {
  seedDashboards(sims);
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

/**
 * Customers for the distinct-customers dashboard: as many as the load generator cycles through, each
 * with numbers of its own (no customer or number shared), so no two operations in flight read the
 * same thing and joining reads cannot help: the gateway's cost per operation alone.
 */
export const dashboardCustomers = Array.from({ length: 256 }, (_, i) => `d0000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
/** Five numbers per customer (three customer phones, two phone numbers); the even ones imported at the carrier. */
export const dashboardMinimum = 3 + 5;

const dashboardLocal = (customer: number, k: number) => String(3_330_000 + customer * 5 + k);

function seedDashboards(sims: Pick<Simulators, 'customerPhones' | 'phoneNumbers' | 'contacts' | 'catapult'>): void {
  dashboardCustomers.forEach((customerId, i) => {
    const local = (k: number) => dashboardLocal(i, k);
    const dashed = (k: number) => `${local(k).slice(0, 3)}-${local(k).slice(3)}`;
    sims.customerPhones.state.customers.set(customerId, {
      version: '1',
      phones: [0, 1, 2].map((k) => ({
        key: `c0000000-0000-4000-8000-${String(i * 3 + k).padStart(12, '0')}`,
        type: (['Phone', 'Mobile', 'Unknown'] as const)[k] ?? 'Unknown',
        country: 'US',
        numberLocal: `(704) ${dashed(k)}`,
        numberInternational: `+1 704-${dashed(k)}`,
      })),
    });
    sims.phoneNumbers.state.customers.set(
      customerId,
      [3, 4].map((k) => ({
        phoneNumberId: `8${String(i * 2 + k).padStart(6, '0')}`,
        name: `Line ${k}`,
        countryCode: '+1',
        areaCode: '704',
        type: k === 3 ? 'work' : 'mobile',
        phoneNumber: `${local(k).slice(0, 3)} ${local(k).slice(3)}`,
        isPrimary: k === 3 ? 'true' : 'false',
      })),
    );
    sims.contacts.state.parents[customerId] = RESELLER;
    for (const [k, type] of (['EMAIL', 'PHONE', 'MOBILE', 'FAX'] as const).entries())
      sims.contacts.state.contacts.push({
        id: `a0000000-0000-4000-8000-${String(i * 4 + k).padStart(12, '0')}`,
        customerId,
        type,
        value: type === 'EMAIL' ? `ops${i}@example.com` : `+1 704-${dashed(k)}`,
        name: `Contact ${k}`,
        status: 'ACTIVE',
      });
    for (const k of [0, 2, 4])
      sims.catapult.state.numbers.push({
        application: 'https://api.catapult.example/v1/users/u/applications/a-bench',
        id: `n-dash${i}-${k}`,
        applicationId: 'a-bench',
        number: `+1704${local(k)}`,
        nationalNumber: `(704) ${dashed(k)}`,
        name: `+1704${local(k)}`,
        createdTime: '2024-01-01T00:00:00Z',
        city: 'CHARLOTTE',
        state: 'NC',
        price: '0.35',
        numberState: 'enabled',
      });
  });
}
