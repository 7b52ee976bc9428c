import { hasJapaneseScript, normalizeText, protectTokens, restoreTokens } from '../../../src/query/parse/normalize';

describe('normalizeText', () => {
  it('removes control, bidi and zero-width characters', () => {
    expect(normalizeText('\u202Ewho\u200b sent\u0007 as\u2066 x\ufeff')).toBe('who sent as x');
  });

  it('turns full-width letters, digits and spaces into ASCII (NFKC)', () => {
    expect(normalizeText('ｆｉｎａｎｃｅ＠ｃｏｎｔｏｓｏ．ｃｏｍ　２０２２／０２／０１？')).toBe('finance@contoso.com 2022/02/01?');
  });

  it('writes every wave dash as ~ and keeps the katakana long vowel mark', () => {
    expect(normalizeText('2/1〜2/3 2/1～2/3 2/1~2/3 アラート')).toBe('2/1~2/3 2/1~2/3 2/1~2/3 アラート');
  });

  it('turns half-width katakana into full-width', () => {
    expect(normalizeText('ﾍﾙﾌﾟ')).toBe('ヘルプ');
  });

  it('drops Teams mentions and inline tags but keeps an address in angle brackets', () => {
    expect(normalizeText('<at>SendAs Watch</at> <b>help</b> <finance@contoso.com>')).toBe('help <finance@contoso.com>');
  });
});

describe('protectTokens', () => {
  it('sets addresses and event ids aside, lower-cased', () => {
    const text = 'explain {1B4E28BA-2FA1-41D2-883F-0016D3CCA427} for Finance@Contoso.com';
    const protectedText = protectTokens(text);
    expect(protectedText.tokens).toEqual([
      { kind: 'address', value: 'finance@contoso.com' },
      { kind: 'event-id', value: '1b4e28ba-2fa1-41d2-883f-0016d3cca427' },
    ]);
    expect(protectedText.text).not.toMatch(/contoso|1b4e/i);
    expect(restoreTokens(protectedText.text, protectedText.tokens)).toBe(
      'explain 1b4e28ba-2fa1-41d2-883f-0016d3cca427 for finance@contoso.com',
    );
  });

  it('does not take a GUID out of a longer hex run', () => {
    expect(protectTokens('1b4e28ba-2fa1-41d2-883f-0016d3cca4270').tokens).toEqual([]);
  });
});

describe('hasJapaneseScript', () => {
  it('sees kana and kanji, not full-width Latin once normalised', () => {
    expect(hasJapaneseScript('異常')).toBe(true);
    expect(hasJapaneseScript('ヘルプ')).toBe(true);
    expect(hasJapaneseScript(normalizeText('ｈｅｌｐ'))).toBe(false);
  });
});
