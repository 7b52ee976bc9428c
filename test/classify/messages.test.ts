import { describeReason, en, ja, languageOf } from '../../src/i18n/reasons';
import { REASON_CODES, reason } from '../../src/classify/reasons';
import { REASON_SOURCES, SOURCES, sourcesOf } from '../../src/classify/sources';

describe('reason messages', () => {
  it('has English and Japanese words for every reason code', () => {
    expect(Object.keys(en).sort()).toEqual([...REASON_CODES].sort());
    expect(Object.keys(ja).sort()).toEqual([...REASON_CODES].sort());
  });

  it('fills every parameter it names', () => {
    const params = { actor: 'a@contoso.com', sentAs: 'b@contoso.com', field: 'SendAsUserSmtp', client: 'Client=OWA', mailbox: 'm@contoso.com', value: '2', name: 'Delegate',
      marker: 'ConnectorWorkProvider', protocol: 'WebServices', agent: 'ConnectorWorkProvider', kind: 'person', count: '4', app: 'Invoice Mailer',
      external: '1', total: '3' };
    for (const code of REASON_CODES) {
      for (const language of ['en', 'ja'] as const) {
        const text = describeReason(reason(code, params), language);
        expect(text).not.toMatch(/undefined/);
        expect(text.length).toBeGreaterThan(10);
      }
    }
  });

  it('names a source for every reason code', () => {
    for (const code of REASON_CODES) expect(SOURCES[REASON_SOURCES[code]].name.length).toBeGreaterThan(10);
    expect(sourcesOf(['connector-client', 'connector-actor', 'mobile-client']).map((s) => s.id)).toEqual(['petri-connector-2016', 'o365itpros-mc382148-2022']);
  });

  it('words a Send on Behalf delegate as sent on behalf of, never as sent as', () => {
    const params = { actor: 'lee@contoso.com', sentAs: 'ceo@contoso.com' };
    const behalf = reason('actor-sent-as-other', { ...params, field: 'SendOnBehalfOfUserSmtp' });
    expect(describeReason(behalf, 'en')).toContain('sent on behalf of ceo@contoso.com');
    expect(describeReason(behalf, 'en')).not.toContain('sent as');
    expect(describeReason(behalf, 'ja')).toContain('の代理で送信');
    expect(describeReason(behalf, 'ja')).not.toContain('として送信');
    const as = reason('actor-sent-as-other', { ...params, field: 'SendAsUserSmtp' });
    expect(describeReason(as, 'en')).toContain('sent as ceo@contoso.com');
    expect(describeReason(as, 'ja')).toContain('として送信');
  });

  it('picks Japanese for ja locales only', () => {
    expect(languageOf('ja-JP')).toBe('ja');
    expect(languageOf('JA')).toBe('ja');
    expect(languageOf('en-US')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
    expect(languageOf('fr-FR')).toBe('en');
  });
});
