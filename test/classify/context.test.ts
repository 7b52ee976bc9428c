import { countExternal, domainOf } from '../../src/classify/context';

describe('the domain of an address and counting external recipients', () => {
  it('takes the domain after the last @, lower-cased, and nothing from what has none', () => {
    expect(domainOf('ana@Contoso.com')).toBe('contoso.com');
    expect(domainOf('"a@b"@fabrikam.com')).toBe('fabrikam.com');
    expect(domainOf('ana@')).toBeNull();
    expect(domainOf('no address')).toBeNull();
    expect(domainOf('@contoso.com')).toBe('contoso.com');
  });

  it('counts addresses outside the domains, whatever their case, and skips what is no address', () => {
    const list = ['a@contoso.com', 'b@CONTOSO.COM', 'c@example.net', 'd@fabrikam.com', '"x@contoso.com"@example.org', 'no address', 'e@'];
    expect(countExternal(list, ['contoso.com'])).toBe(3);
    expect(countExternal(list, ['contoso.com', 'example.net'])).toBe(2);
    expect(countExternal(list, [])).toBe(5);
  });
});
