import { DETECTORS } from '../../src/detect/detectors';
import { CATEGORIES } from '../../src/classify/category';
import { ANOMALY_KINDS } from '../../src/detect/anomaly';
import { authored } from '../../src/cards/markdown';
import { en, ja } from '../../src/i18n/cards';
import type { CardStrings } from '../../src/i18n/cards';

/** Every key path in a catalogue, leaves marked by kind (text or function). */
function shape(value: unknown, prefix = ''): string[] {
  if (typeof value === 'function') return [`${prefix} (function)`];
  if (typeof value === 'string') return [`${prefix} (text)`];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => shape(child, prefix === '' ? key : `${prefix}.${key}`));
}

const SEND_MODES = ['as', 'on-behalf', 'both', 'unknown'] as const;
const RANGE_KINDS = ['default', 'today', 'yesterday', 'this-week', 'last-week', 'this-month', 'last-month', 'last-days', 'last-hours', 'since', 'between', 'on', 'in-month'] as const;

/** Calls every function in a catalogue with sample arguments and collects what comes out. */
function everyOutput(strings: CardStrings): string[] {
  const sample = authored('finance@contoso.com');
  const outputs: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === 'string') outputs.push(value);
  };
  for (const kind of RANGE_KINDS) {
    collect(strings.range.assumed(strings.range.words({ kind, amount: 7 })));
  }
  for (const intent of ['who-sent-as', 'who-sent-on-behalf', 'what-did-send-as'] as const) {
    collect(strings.answer.title[intent](sample));
    for (const [people, noise, unknown] of [[0, 0, 0], [1, 1, 1], [3, 120, 4]] as const) {
      collect(strings.answer.summary({ intent, people, sends: people * 4, noise, unknown }));
    }
  }
  for (const kind of ANOMALY_KINDS) {
    for (const mode of SEND_MODES) {
      const full = strings.anomaly.words[kind]({ actor: sample, mailbox: sample, mode, fact: (name) => authored(`<${name}>`), number: () => 3, code: () => 'outside-domains-and-external-access' });
      const bare = strings.anomaly.words[kind]({ actor: null, mailbox: null, mode, fact: () => null, number: () => null, code: () => null });
      for (const text of [full, bare]) {
        collect(text.sentence);
        for (const [label, value] of text.facts) {
          collect(label);
          // A value passed through as given is audit data, not our words.
          if (value !== null && !/^<\w+>$/.test(value)) collect(value);
        }
      }
    }
  }
  collect(strings.timesIn('Asia/Tokyo'));
  collect(strings.answer.delegatesHeading(3));
  collect(strings.answer.unknownHeading(1));
  collect(strings.answer.noiseToggle(12));
  collect(strings.answer.rowDetail(1, 'span'));
  collect(strings.answer.rowClients(sample));
  collect(strings.answer.sentAsLabel(sample, false));
  collect(strings.answer.pageInfo(1, 13, 5000));
  collect(strings.detail.title(sample));
  collect(strings.detail.verdict('Delegates', 'high'));
  collect(strings.detail.rule(sample));
  collect(strings.help.didYouMean(sample));
  collect(strings.refusal.grant(null));
  collect(strings.refusal.grant(sample));
  collect(strings.anomaly.title(1));
  collect(strings.anomaly.title(5));
  collect(strings.anomaly.evidence(1));
  collect(strings.anomaly.evidence(3));
  collect(strings.anomaly.moreNotShown(7));
  collect(strings.ambiguous.text(sample));
  collect(strings.ambiguous.more(4));
  collect(strings.notFound.address(sample));
  collect(strings.notFound.event(sample));
  return outputs;
}

describe('card strings', () => {
  it('have the same keys, of the same kinds, in English and Japanese', () => {
    expect(shape(ja)).toEqual(shape(en));
  });

  it('name every category and anomaly kind in both languages', () => {
    for (const strings of [en, ja]) {
      expect(Object.keys(strings.categories).sort()).toEqual([...CATEGORIES].sort());
      expect(Object.keys(strings.anomaly.kind).sort()).toEqual([...ANOMALY_KINDS].sort());
      expect(Object.keys(strings.anomaly.words).sort()).toEqual([...ANOMALY_KINDS].sort());
    }
  });

  it.each([['en', en], ['ja', ja]] as const)('%s: every worded output is non-empty and has no holes', (_language, strings) => {
    const outputs = everyOutput(strings);
    for (const text of outputs) {
      expect(text.trim()).not.toBe('');
      expect(text).not.toMatch(/undefined|null|NaN|\[object/);
    }
  });

  it('writes Japanese in Japanese', () => {
    const texts = [...everyOutput(ja), ja.help.helpIntro, ja.error.text];
    const withKana = texts.filter((text) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(text));
    expect(withKana.length / texts.length).toBeGreaterThan(0.9);
  });

  it('words every detector from facts it really sets, in both languages', () => {
    for (const detector of DETECTORS) {
      for (const strings of [en, ja]) {
        const read = new Set<string>();
        const note = <T,>(name: string, value: T): T => (read.add(name), value);
        strings.anomaly.words[detector.kind]({
          actor: authored('a@contoso.com'),
          mailbox: authored('m@contoso.com'),
          mode: 'as',
          fact: (name) => note(name, authored('1')),
          number: (name) => note(name, 1),
          code: (name) => note(name, 'x'),
        });
        // Every fact the words ask for is one the detector sets: a misspelt name would silently vanish.
        for (const name of read) expect(detector.facts).toContain(name);
      }
    }
  });

  it('reads the facts the detectors give, and words without them still read', () => {
    const facts: Record<string, number> = { sends: 42, baselinePeak: 3 };
    const spike = en.anomaly.words.spike({
      actor: authored('alex@contoso.com'),
      mailbox: authored('finance@contoso.com'),
      mode: 'as',
      fact: (name) => (name in facts ? authored(String(facts[name])) : null),
      number: (name) => facts[name] ?? null,
      code: () => null,
    });
    expect(spike.sentence).toBe('alex@contoso.com sent as finance@contoso.com 42 times in one day; the busiest day before had 3.');
    expect(spike.facts.filter(([, value]) => value !== null)).toEqual([['Sends that day', '42'], ['Busiest day before', '3']]);
    const bare = en.anomaly.words.spike({ actor: null, mailbox: null, mode: 'unknown', fact: () => null, number: () => null, code: () => null });
    expect(bare.sentence).toBe('someone sent as or on behalf of a mailbox far more often than usual.');
  });

  it.each([
    ['en', en, 'sent on behalf of', 'sent as'],
    ['ja', ja, 'の代理で送信', 'として送信'],
  ] as const)('%s: a Send on Behalf anomaly is worded as sent on behalf, never as Send As', (_language, strings, onBehalf, as) => {
    for (const kind of ['new-delegate', 'spike', 'external-actor', 'risky-client', 'watched-mailbox'] as const) {
      const input = { actor: authored('lee@contoso.com'), mailbox: authored('ceo@contoso.com'), fact: () => null, number: () => 2, code: () => null };
      const behalf = strings.anomaly.words[kind]({ ...input, mode: 'on-behalf' }).sentence;
      expect(behalf).toContain(onBehalf);
      expect(behalf).not.toContain(as);
      expect(strings.anomaly.words[kind]({ ...input, mode: 'as' }).sentence).toContain(as);
    }
  });
});
