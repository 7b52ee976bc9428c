import { resolveSubject } from '../../src/query/resolve';
import { closestByTypo, editDistance } from '../../src/query/parse/spelling';

/** The store's address search as SQLite and PostgreSQL run it: containing the term, busiest first. */
function storeOf(addresses: Record<string, number>) {
  return {
    findAddresses: (term: string, limit: number) =>
      Promise.resolve(
        Object.entries(addresses)
          .filter(([address]) => address.includes(term.toLowerCase()))
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .slice(0, limit)
          .map(([address, events]) => ({ address, events })),
      ),
  };
}

const tenant = storeOf({
  'finance@contoso.com': 40,
  'financial-reports@contoso.com': 3,
  'payroll@contoso.com': 12,
  'payroll2@contoso.com': 1,
  'alex.wilber@contoso.com': 9,
  'hr@contoso.com': 7,
  'sales@contoso.com': 5,
  'sale@contoso.com': 2,
  'dales@contoso.com': 2,
});

describe('a name with a typo resolves to the one known address it was meant to be (issue 17)', () => {
  it.each([
    ['finanse', 'finance@contoso.com'],
    ['Finace', 'finance@contoso.com'],
    ['payrool', 'payroll@contoso.com'],
    ['alex wilbur', 'alex.wilber@contoso.com'],
    ['aelx wilber', 'alex.wilber@contoso.com'],
  ])('%s → %s in one step', async (typed, address) => {
    expect(await resolveSubject({ text: typed, kind: 'name' }, tenant)).toEqual({ kind: 'resolved', address });
  });

  it('does not guess between equally close addresses, nor for names too short to tell apart', async () => {
    // "saless" is one slip from sales@ only; "sals" is short, and one slip from sales@ and sale@ alike.
    expect(await resolveSubject({ text: 'saless', kind: 'name' }, tenant)).toEqual({ kind: 'resolved', address: 'sales@contoso.com' });
    expect((await resolveSubject({ text: 'sals', kind: 'name' }, tenant)).kind).toBe('not-found');
    expect((await resolveSubject({ text: 'hrr', kind: 'name' }, tenant)).kind).toBe('not-found');
    expect(closestByTypo('sales1', ['sales2@contoso.com', 'sales3@contoso.com'])).toBeNull();
  });

  it('does not take a distant name for a typo', async () => {
    expect((await resolveSubject({ text: 'marketing', kind: 'name' }, tenant)).kind).toBe('not-found');
    expect((await resolveSubject({ text: 'fnnce', kind: 'name' }, tenant)).kind).toBe('not-found');
  });

  it('leaves names that match as typed alone', async () => {
    expect(await resolveSubject({ text: 'finance', kind: 'name' }, tenant)).toEqual({ kind: 'resolved', address: 'finance@contoso.com' });
    expect((await resolveSubject({ text: 'financ', kind: 'name' }, tenant)).kind).toBe('ambiguous');
  });

  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editDistance('wendesday', 'wednesday')).toBe(1);
    expect(editDistance('finanse', 'finance')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'hr')).toBe(2);
  });
});
