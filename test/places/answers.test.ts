import { answerCard } from '../../src/cards';
import { markdownTexts } from '../cards/support';
import { anomaliesAnswer, eventDetail } from '../cards/fixtures';
import type { Language } from '../../src/i18n/reasons';
import type { Anomaly } from '../../src/detect/anomaly';
import type { Place, PlaceLookup } from '../../src/places/place';
import type { EventListAnswer } from '../../src/query/answer';
import type { DataQuery } from '../../src/query/engine';
import { answerQuery } from '../../src/query/engine';
import type { QueryRange } from '../../src/query/query';
import { listActorEvents } from '../../src/query/events';
import { SqliteStore } from '../../src/store/sqlite/store';
import { classified, event } from '../support/events';

const TOKYO: Place = { kind: 'public', ip: '133.11.0.1', country: 'JP', network: { asn: 2516, name: 'KDDI CORPORATION' } };

/** A lookup that knows a handful of addresses, as the real database would place them. */
const places: PlaceLookup = {
  placeOf: (ip) => {
    if (ip === null) return { kind: 'missing', ip: null, country: null, network: null };
    if (ip === TOKYO.ip) return TOKYO;
    if (ip === '40.107.22.1') return { kind: 'microsoft', ip, country: 'NL', network: { asn: 8075, name: 'Microsoft Corporation' } };
    if (ip.startsWith('10.')) return { kind: 'private', ip, country: null, network: null };
    return { kind: 'public', ip, country: null, network: { asn: 64500, name: '**bold** [link](https://evil.example)' } };
  },
};

function texts(language: Language, place: Place): string {
  return markdownTexts(answerCard(eventDetail({ clientIp: place.ip, place }, language))).join('\n');
}

describe('places on the explain card', () => {
  it('names the country in the card’s language, with the network', () => {
    expect(texts('en', TOKYO)).toContain('Japan · AS2516 KDDI CORPORATION');
    expect(texts('ja', TOKYO)).toContain('日本 · AS2516 KDDI CORPORATION');
  });

  it('labels Microsoft’s own servers and private addresses instead of calling them a country', () => {
    const microsoft = places.placeOf('40.107.22.1');
    expect(texts('en', microsoft)).toContain('Microsoft network (Netherlands) · AS8075 Microsoft Corporation');
    expect(texts('ja', microsoft)).toContain('Microsoft のネットワーク（オランダ）');
    expect(texts('en', places.placeOf('10.1.2.3'))).toContain('private network');
    expect(texts('ja', places.placeOf('10.1.2.3'))).toContain('プライベート ネットワーク');
  });

  it('escapes a registry’s network name and says when the country is unknown', () => {
    const shown = texts('en', places.placeOf('198.18.0.1'));
    expect(shown).toContain('country unknown · AS64500');
    expect(shown).not.toContain('**bold**');
    expect(shown).not.toContain('[link](');
  });

  it('credits DB-IP and RouteViews, as their licences ask, only where the database placed the address', () => {
    expect(texts('en', TOKYO)).toContain('IP geolocation by [DB-IP](https://db-ip.com)');
    expect(texts('ja', TOKYO)).toContain('IP の位置情報: [DB-IP](https://db-ip.com)');
    expect(texts('en', places.placeOf('10.1.2.3'))).not.toContain('DB-IP');
  });

  it('shows no place line when no database is configured', () => {
    const withoutPlaces = markdownTexts(answerCard(eventDetail({ clientIp: TOKYO.ip }))).join('\n');
    expect(withoutPlaces).not.toContain('Place');
    expect(withoutPlaces).not.toContain('Japan');
  });
});

describe('places in answers from the store', () => {
  const NOW = new Date('2026-11-18T10:00:00.000Z');
  let store: SqliteStore;
  beforeEach(async () => {
    store = new SqliteStore(':memory:');
    await store.ingest(
      [
        event({ id: 'from-tokyo', time: '2026-11-17T09:00:00.000Z', clientIp: TOKYO.ip }),
        event({ id: 'from-nowhere', time: '2026-11-17T08:00:00.000Z', clientIp: null }),
      ].map(classified),
    );
  });
  afterEach(async () => store.close());

  it('places the explained event’s IP, and leaves the place out without a lookup', async () => {
    const explained = await answerQuery({ intent: 'explain', eventId: 'from-tokyo' }, { store, now: NOW, language: 'en', timeZone: 'UTC', places });
    expect(explained).toMatchObject({ intent: 'explain', event: { clientIp: TOKYO.ip, place: TOKYO } });
    const bare = await answerQuery({ intent: 'explain', eventId: 'from-tokyo' }, { store, now: NOW, language: 'en', timeZone: 'UTC' });
    expect(bare.intent === 'explain' && 'place' in bare.event).toBe(false);
  });

  it('places every listed event, and the events card shows the country on its row', async () => {
    const request = { actor: 'alex.wilber@contoso.com', sentAs: 'finance@contoso.com', range: { from: '2026-11-17T00:00:00.000Z', to: '2026-11-18T00:00:00.000Z' } };
    const answer: EventListAnswer = await listActorEvents(request, { store, now: NOW, language: 'ja', timeZone: 'Asia/Tokyo', places });
    expect(answer.events.map((e) => [e.id, e.place?.kind])).toEqual([
      ['from-tokyo', 'public'],
      ['from-nowhere', 'missing'],
    ]);
    const shown = markdownTexts(answerCard(answer)).join('\n');
    expect(shown).toContain('IP 133.11.0.1 · 日本 · AS2516 KDDI CORPORATION');
    expect(shown).toContain('IP の記録なし');
    expect(shown).toContain('IP の位置情報: [DB-IP]');
  });
});

describe('places on answer rows', () => {
  const NOW = new Date('2026-11-18T10:00:00.000Z');
  const week: QueryRange = { from: '2026-11-16T00:00:00.000Z', to: '2026-11-18T10:00:00.000Z', kind: 'this-week', timeZone: 'UTC' };

  it('names the countries each row’s sends came from, most sends first, leaving private and unknown addresses out', async () => {
    const store = new SqliteStore(':memory:');
    await store.ingest(
      [
        ...['a', 'b'].map((id) => event({ id: `tokyo-${id}`, time: '2026-11-17T09:00:00.000Z', clientIp: TOKYO.ip })),
        event({ id: 'home', time: '2026-11-17T10:00:00.000Z', clientIp: '10.1.2.3' }),
        event({ id: 'elsewhere', time: '2026-11-17T11:00:00.000Z', clientIp: '40.107.22.1' }),
        event({ id: 'other-actor', time: '2026-11-17T11:00:00.000Z', actor: 'lee.gu@contoso.com', clientIp: '10.9.9.9' }),
      ].map(classified),
    );
    const query: DataQuery = { intent: 'who-sent-as', subject: { text: 'finance@contoso.com', kind: 'address' }, range: week };
    for (const [language, words] of [['en', 'from Japan'], ['ja', '接続元: 日本']] as const) {
      const answer = await answerQuery(query, { store, now: NOW, language, timeZone: 'UTC', places });
      expect(answer.intent === 'who-sent-as' && answer.rows.map((r) => [r.actor, r.countries])).toEqual([
        ['alex.wilber@contoso.com', ['JP']],
        ['lee.gu@contoso.com', undefined],
      ]);
      expect(markdownTexts(answerCard(answer)).join('\n')).toContain(words);
      expect(markdownTexts(answerCard(answer)).join('\n')).toContain('[DB-IP](https://db-ip.com)');
    }
    const bare = await answerQuery(query, { store, now: NOW, language: 'en', timeZone: 'UTC' });
    expect(bare.intent === 'who-sent-as' && bare.rows.every((r) => r.countries === undefined)).toBe(true);
    await store.close();
  });
});

describe('the new-country anomaly’s words', () => {
  const anomaly: Anomaly = {
    key: 'new-country|alex.wilber@contoso.com|finance@contoso.com|2026-11-19|BR',
    kind: 'new-country',
    severity: 'medium',
    at: '2026-11-19T12:00:00.000Z',
    actor: 'alex.wilber@contoso.com',
    mailbox: 'finance@contoso.com',
    evidence: ['e1'],
    facts: { country: 'BR', usualCountries: 'GB, US', ips: '200.160.2.3', sends: 2, firstSendAt: '2026-11-19T11:00:00.000Z', day: '2026-11-19', operations: 'SendAs' },
  };
  it.each([
    ['en', 'alex.wilber@contoso.com sent as finance@contoso.com from Brazil; before, only from United Kingdom, United States.\nSends\n2\nFirst send'],
    ['ja', 'alex.wilber@contoso.com がブラジルから finance@contoso.com として送信しました。これまでの送信元は イギリス、アメリカ合衆国 だけでした。'],
  ] as const)('%s', (language, words) => {
    const card = answerCard(anomaliesAnswer(1, language, () => anomaly));
    expect(markdownTexts(card).join('\n')).toContain(words);
  });
});
