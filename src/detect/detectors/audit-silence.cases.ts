import type { DetectorCase } from '../detector';
import { detectionInput, hourlyHistory, steadyArrivals } from './base-input.cases';

/** A feed that is quiet from Friday 18:00 to Monday 07:00 UTC and outside 07:00-18:00 on weekdays. */
function officeHours(hourStart: Date): boolean {
  const day = hourStart.getUTCDay();
  const hour = hourStart.getUTCHours();
  return day === 0 || day === 6 || hour < 7 || hour >= 18;
}

export const cases: readonly DetectorCase[] = [
  {
    name: 'a feed busy every hour goes quiet for three days',
    input: detectionInput({ arrivals: steadyArrivals({ lastEvent: { id: 'last-before-silence', time: '2026-11-17T05:10:00.000Z' } }) }),
    expected: [
      {
        severity: 'high',
        actor: null,
        mailbox: null,
        evidence: ['last-before-silence'],
        facts: { lastEventAt: '2026-11-17T05:10:00.000Z', silentHours: 72.8, longestNormalGapHours: 1, thresholdHours: 12, historyDays: 30, knownIncident: '' },
      },
    ],
  },
  {
    name: 'an office-hours feed on a Monday before work: the weekend is as long as every weekend',
    input: detectionInput({
      now: '2026-11-23T06:30:00.000Z',
      arrivals: {
        lastEvent: { id: 'friday-evening', time: '2026-11-20T17:50:00.000Z' },
        firstEventAt: '2026-08-01T08:00:00.000Z',
        observedUntil: '2026-11-23T06:30:00.000Z',
        hourly: hourlyHistory('2026-10-21T00:00:00.000Z', '2026-11-20T18:00:00.000Z', officeHours),
      },
    }),
    expected: [],
  },
  {
    name: 'the same office-hours feed silent for a whole week',
    input: detectionInput({
      now: '2026-11-27T18:00:00.000Z',
      arrivals: {
        lastEvent: { id: 'friday-evening', time: '2026-11-20T17:50:00.000Z' },
        firstEventAt: '2026-08-01T08:00:00.000Z',
        observedUntil: '2026-11-27T18:00:00.000Z',
        hourly: hourlyHistory('2026-10-21T00:00:00.000Z', '2026-11-20T18:00:00.000Z', officeHours),
      },
    }),
    expected: [{ facts: { longestNormalGapHours: 62, thresholdHours: 124, silentHours: 168.2 } }],
  },
  {
    name: 'no events since the last covered ingestion: nobody has looked yet, so nothing is silent',
    input: detectionInput({
      arrivals: steadyArrivals({ lastEvent: { id: 'last', time: '2026-11-17T05:10:00.000Z' }, observedUntil: '2026-11-17T07:00:00.000Z' }),
    }),
    expected: [],
  },
  {
    name: 'a store holding four days of history has not learnt what quiet looks like',
    input: detectionInput({
      arrivals: steadyArrivals({ lastEvent: { id: 'last', time: '2026-11-17T05:10:00.000Z' }, firstEventAt: '2026-11-13T05:10:00.000Z' }),
    }),
    expected: [],
  },
  {
    name: 'ten silent hours in a busy feed: within a day of late delivery',
    input: detectionInput({ arrivals: steadyArrivals({ lastEvent: { id: 'last', time: '2026-11-19T20:00:00.000Z' } }) }),
    expected: [],
  },
  {
    name: 'a silence over MC382148 names the incident',
    input: detectionInput({
      now: '2022-03-01T00:00:00.000Z',
      window: { from: '2022-02-28T00:00:00.000Z', to: '2022-03-01T00:00:00.000Z' },
      arrivals: {
        lastEvent: { id: 'last-before-mc382148', time: '2022-01-27T23:40:00.000Z' },
        firstEventAt: '2021-06-01T00:00:00.000Z',
        observedUntil: '2022-03-01T00:00:00.000Z',
        hourly: hourlyHistory('2021-12-28T00:00:00.000Z', '2022-01-28T00:00:00.000Z'),
      },
    }),
    expected: [{ facts: { knownIncident: 'MC382148', lastEventAt: '2022-01-27T23:40:00.000Z' } }],
  },
];
