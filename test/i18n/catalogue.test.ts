import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { catalogueFor, en, ja } from '../../src/i18n';
import type { Catalogue } from '../../src/i18n';
import type { CardStrings } from '../../src/i18n/cards';

/** Every key path of a catalogue, with what sits there ("string", "function", …). */
function shape(value: unknown, at = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) for (const [p, kind] of shape(inner, `${at}.${key}`)) out.set(p, kind);
  } else {
    out.set(at, typeof value);
  }
  return out;
}

describe('the word catalogues', () => {
  it('give Japanese exactly the strings English has, each of the same kind, none empty', () => {
    const english = shape(en);
    const japanese = shape(ja);
    expect([...japanese.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [p, kind] of english) expect(`${p}: ${japanese.get(p)}`).toBe(`${p}: ${kind}`);
    // The Record-keyed tables (client families, reasons, logon types) are covered too: hundreds of entries.
    expect(english.size).toBeGreaterThan(300);
    const empty = [...Object.entries({ en, ja })].flatMap(([language, catalogue]) =>
      [...shape(catalogue)].filter(([, kind]) => kind === 'string').map(([p]) => [language, p, p.split('.').slice(1).reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], catalogue)] as const).filter(([, , v]) => v === ''),
    );
    expect(empty).toEqual([]);
  });

  it('hands out the catalogue of the asker language', () => {
    expect(catalogueFor('ja')).toBe(ja);
    expect(catalogueFor('en')).toBe(en);
    expect(ja.cards.progress.actionDone).toBe('送信しました');
  });

  it('does not compile a language that lacks a string (type-level proof)', () => {
    const { warnings: _warnings, ...withoutWarnings } = ja;
    // @ts-expect-error a catalogue without the engine warnings is not a Catalogue
    const lacking: Catalogue = withoutWarnings;
    const { showDetails: _showDetails, ...detailWithoutToggle } = ja.cards.detail;
    // @ts-expect-error the explain card words without the details toggle's title do not type-check
    const lackingDetail: CardStrings['detail'] = detailWithoutToggle;
    // ts-jest type-checks this file: an unused @ts-expect-error above would fail the suite.
    expect(Object.keys(lacking)).not.toContain('warnings');
    expect(Object.keys(lackingDetail)).not.toContain('showDetails');
  });

  it('keeps phrases that read as machine translation out of the Japanese words', () => {
    const root = path.resolve(__dirname, '../../src/i18n');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
      });
    // Each was once in the catalogue: literal renderings an admin in Japan would not write.
    const stilted = ['本物の代理送信', '個の ID', '個のID', '代理として送信', '東京時間'];
    const found = files(root).flatMap((file) => stilted.filter((phrase) => readFileSync(file, 'utf8').includes(phrase)).map((phrase) => `${path.relative(root, file)}: ${phrase}`));
    expect(found).toEqual([]);
  });
});
