import { INCIDENTS, incidentsOverlapping } from '../../src/classify/incidents';

describe('known audit incidents', () => {
  it('finds MC382148 for a range that touches it, at either edge', () => {
    expect(incidentsOverlapping({ from: '2022-02-01T00:00:00.000Z', to: '2022-02-08T00:00:00.000Z' }).map((i) => i.id)).toEqual(['MC382148']);
    expect(incidentsOverlapping({ from: '2022-03-26T23:00:00.000Z', to: '2022-04-30T00:00:00.000Z' }).map((i) => i.id)).toEqual(['MC382148']);
    expect(incidentsOverlapping({ from: '2022-01-01T00:00:00.000Z', to: '2022-01-28T00:00:00.001Z' }).map((i) => i.id)).toEqual(['MC382148']);
  });

  it('finds nothing for ranges just outside it', () => {
    expect(incidentsOverlapping({ from: '2022-01-01T00:00:00.000Z', to: '2022-01-28T00:00:00.000Z' })).toEqual([]);
    expect(incidentsOverlapping({ from: '2022-03-27T00:00:00.000Z', to: '2022-04-30T00:00:00.000Z' })).toEqual([]);
  });

  it('ignores incidents that do not affect SendAs / SendOnBehalf', () => {
    const range = { from: '2018-10-01T00:00:00.000Z', to: '2018-11-01T00:00:00.000Z' };
    expect(incidentsOverlapping(range)).toEqual([]);
    expect(incidentsOverlapping(range, ['Add member to group.']).map((i) => i.id)).toEqual(['ENTRA-GROUP-TRUNCATION-2018']);
  });

  it('keeps the catalogue well formed: unique ids, from before to, a source each', () => {
    expect(new Set(INCIDENTS.map((i) => i.id)).size).toBe(INCIDENTS.length);
    for (const incident of INCIDENTS) {
      expect(Date.parse(incident.from)).toBeLessThan(Date.parse(incident.to));
      expect(incident.source.name.length).toBeGreaterThan(0);
    }
  });
});
