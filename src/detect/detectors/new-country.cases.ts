import type { DetectorCase } from '../detector';
import type { CountryFacts, CountrySends, DetectionInput } from '../input';
import { pairKey } from '../input';
import { HUNT_DAY, detectionInput, ids } from './base-input.cases';

const traveller = 'alex.wilber@contoso.com';
const finance = 'finance@contoso.com';
const hr = 'hr@contoso.com';

/** Delegate sends of the hunt day from one country: by default alex as finance@ from Japan. */
function sends(overrides: Partial<CountrySends> = {}): CountrySends {
  return {
    day: HUNT_DAY,
    actor: traveller,
    identity: finance,
    country: 'JP',
    ips: ['133.11.0.1'],
    operations: 'SendAs',
    count: 2,
    first: `${HUNT_DAY}T09:00:00.000Z`,
    last: `${HUNT_DAY}T09:30:00.000Z`,
    sampleIds: ids('tokyo-send', 2),
    ...overrides,
  };
}

/** The quiet base input with countries: the recent sends, and each pair's baseline countries. */
function withCountries(recent: readonly CountrySends[], baseline: Readonly<Record<string, readonly string[]>>, baselineDays = 30): DetectionInput {
  const countries: CountryFacts = {
    recent,
    baseline: new Map(Object.entries(baseline).map(([pair, codes]) => [pair, new Set(codes)])),
  };
  return { ...detectionInput({ baselineDays }), countries };
}

export const cases: readonly DetectorCase[] = [
  {
    name: 'a delegate who always sent as finance@ from the United States sends from Japan',
    input: withCountries([sends()], { [pairKey(traveller, finance)]: ['US'] }),
    expected: [
      {
        severity: 'medium',
        actor: traveller,
        mailbox: finance,
        evidence: ['tokyo-send-1', 'tokyo-send-2'],
        facts: { country: 'JP', usualCountries: 'US', ips: '133.11.0.1', sends: 2, firstSendAt: `${HUNT_DAY}T09:00:00.000Z`, day: HUNT_DAY },
      },
    ],
  },
  {
    name: 'a country the pair used before, among others, is not new',
    input: withCountries([sends({ country: 'US', ips: ['8.8.8.8'] })], { [pairKey(traveller, finance)]: ['JP', 'US'] }),
    expected: [],
  },
  {
    name: 'a country new for this identity fires even when the actor used it as another identity',
    input: withCountries([sends()], { [pairKey(traveller, finance)]: ['US'], [pairKey(traveller, hr)]: ['JP'] }),
    expected: [{ mailbox: finance, facts: { country: 'JP', usualCountries: 'US' } }],
  },
  {
    name: 'a pair with no placed baseline (new, or only private and Microsoft addresses) has no usual country',
    input: withCountries([sends()], { [pairKey(traveller, hr)]: ['US'] }),
    expected: [],
  },
  {
    name: 'two new countries on one day are two anomalies, with the IPs most used first',
    input: withCountries(
      [sends(), sends({ country: 'BR', ips: ['200.160.2.3', '200.160.2.4', '200.160.2.5', '200.160.2.6'], count: 5, sampleIds: ids('sao-paulo', 5) })],
      { [pairKey(traveller, finance)]: ['US', 'GB'] },
    ),
    expected: [
      { facts: { country: 'JP', usualCountries: 'GB, US' } },
      { facts: { country: 'BR', ips: '200.160.2.3, 200.160.2.4, 200.160.2.5', sends: 5 }, evidence: ids('sao-paulo', 5) },
    ],
  },
  {
    name: 'a store younger than the minimum baseline stays quiet: every place would look new',
    input: withCountries([sends()], { [pairKey(traveller, finance)]: ['US'] }, 5),
    expected: [],
  },
  {
    name: 'without an IP database the input has no countries and nothing fires',
    input: detectionInput(),
    expected: [],
  },
];
