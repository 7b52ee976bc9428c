import type { Classification } from '../../src/classify/rule';
import type { EventStore } from '../../src/store/store';
import { classified, event } from '../support/events';
import type { Closable } from './contract';

/** Events and coverage: ingest, queries, aggregates for detection. */
export function describeEventStoreContract(name: string, open: () => Promise<EventStore & Closable>): void {
  describe(`${name} event store contract`, () => {
    let store: EventStore & Closable;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    const week = { from: '2026-11-16T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' };

    it('ingests idempotently: the record id is the key', async () => {
      const batch = [event(), event({ actor: 'lee.gu@contoso.com' }), event({ sentAs: 'hr@contoso.com', mailbox: 'hr@contoso.com' })].map(classified);
      expect(await store.ingest(batch)).toEqual({ inserted: 3, duplicates: 0 });
      expect(await store.ingest(batch)).toEqual({ inserted: 0, duplicates: 3 });
      expect(await store.ingest([...batch.slice(1), classified(event())])).toEqual({ inserted: 1, duplicates: 2 });
      expect((await store.stats()).totalEvents).toBe(4);
    });

    it('leaves nothing of a batch that fails half way', async () => {
      const good = classified(event());
      const poisoned = {
        get event(): never {
          throw new Error('disk on fire');
        },
        classification: good.classification,
      };
      await expect(store.ingest([classified(event()), poisoned, classified(event())])).rejects.toThrow('disk on fire');
      expect((await store.stats()).totalEvents).toBe(0);
      expect(await store.findAddresses('contoso', 10)).toEqual([]);
    });

    it('summarizes per actor, identity and category over a half-open window', async () => {
      await store.ingest(
        [
          event({ time: '2026-11-16T00:00:00.000Z' }),
          event({ time: '2026-11-18T12:00:00.000Z', client: 'Client=MSExchangeRPC' }),
          event({ time: '2026-11-19T12:00:00.000Z' }),
          event({ time: '2026-11-23T00:00:00.000Z' }), // outside: `to` is exclusive
          event({ time: '2026-11-17T08:00:00.000Z', actor: 'finance@contoso.com', client: 'Client=OutlookService;Outlook-iOS/2.0;' }),
          event({ time: '2026-11-17T08:00:00.000Z', sentAs: 'hr@contoso.com' }),
        ].map(classified),
      );
      const rows = await store.summarize({ ...week, sentAs: 'Finance@Contoso.com' });
      const byActor = Object.fromEntries(rows.map((r) => [`${r.actor}/${r.category}`, r]));
      expect(Object.keys(byActor).sort()).toEqual(['alex.wilber@contoso.com/delegate', 'finance@contoso.com/owner-misreport']);
      expect(byActor['alex.wilber@contoso.com/delegate']).toEqual({
        actor: 'alex.wilber@contoso.com',
        sentAs: 'finance@contoso.com',
        category: 'delegate',
        count: 3,
        first: '2026-11-16T00:00:00.000Z',
        last: '2026-11-19T12:00:00.000Z',
        clients: [
          { client: 'Client=OWA;Action=ViaProxy', count: 2 },
          { client: 'Client=MSExchangeRPC', count: 1 },
        ],
      });
      const asActor = await store.summarize({ ...week, actor: 'alex.wilber@contoso.com' });
      expect(asActor.map((r) => `${r.sentAs}:${r.count}`).sort()).toEqual(['finance@contoso.com:3', 'hr@contoso.com:1']);
      expect(await store.summarize({ ...week, sentAs: 'finance@contoso.com', operation: 'SendOnBehalf' })).toEqual([]);
    });

    it('lists events newest first and pages with a cursor, every event exactly once', async () => {
      const times = ['2026-11-17T10:00:00.000Z', '2026-11-17T10:00:00.000Z', '2026-11-18T10:00:00.000Z', '2026-11-19T10:00:00.000Z', '2026-11-20T10:00:00.000Z'];
      await store.ingest(times.map((time) => classified(event({ time }))));
      const seen: string[] = [];
      let before: { time: string; id: string } | undefined;
      for (;;) {
        const page = await store.listEvents({ ...week, sentAs: 'finance@contoso.com' }, { limit: 2, before });
        if (page.length === 0) break;
        seen.push(...page.map((e) => e.time));
        const last = page[page.length - 1];
        before = { time: last.time, id: last.id };
      }
      expect(seen).toEqual([...times].sort().reverse());
    });

    it('returns a stored event whole: fields, classification and raw record', async () => {
      const e = event({ externalAccess: true, logonType: null, rawJson: '{"Item": {"Subject": "x"}, "Custom": [1, 2]}' });
      await store.ingest([classified(e)]);
      const stored = await store.getEvent(e.id);
      expect(stored).toMatchObject({ ...e, category: 'delegate', confidence: 'high', ruleId: 'Classify.Delegate.OtherMailbox' });
      expect(stored?.reasons[0]).toEqual({ code: 'actor-sent-as-other', params: { actor: e.actor, sentAs: 'finance@contoso.com', field: 'SendAsUserSmtp' } });
      expect(await store.getEvent('no-such-id')).toBeNull();
    });

    it('finds known addresses by part, most frequent first, with LIKE wildcards taken literally', async () => {
      await store.ingest([event(), event(), event({ sentAs: 'fin_ops@contoso.com', mailbox: null }), event({ actor: 'finn.ito@contoso.com' })].map(classified));
      expect((await store.findAddresses('FIN', 10)).map((a) => a.address)).toEqual(['finance@contoso.com', 'fin_ops@contoso.com', 'finn.ito@contoso.com']);
      expect((await store.findAddresses('fin_', 10)).map((a) => a.address)).toEqual(['fin_ops@contoso.com']);
      expect((await store.findAddresses('100%', 10))).toEqual([]);
      expect(await store.findAddresses('finance', 1)).toEqual([{ address: 'finance@contoso.com', events: 3 }]);
    });

    it('counts per category overall and within a window', async () => {
      await store.ingest(
        [
          event({ time: '2026-11-10T00:00:00.000Z' }),
          event({ time: '2026-11-17T00:00:00.000Z' }),
          event({ time: '2026-11-18T00:00:00.000Z', actor: 's-1-5-18', userType: 4 }),
        ].map(classified),
      );
      const all = await store.stats();
      expect(all).toMatchObject({ totalEvents: 3, oldestEvent: '2026-11-10T00:00:00.000Z', newestEvent: '2026-11-18T00:00:00.000Z' });
      expect(all.byCategory).toEqual({ delegate: 2, 'owner-misreport': 0, connector: 0, application: 1, unknown: 0 });
      const inWeek = await store.stats(week);
      expect(inWeek).toMatchObject({ totalEvents: 2, oldestEvent: '2026-11-17T00:00:00.000Z' });
      expect(inWeek.byCategory.delegate).toBe(1);
      const empty = await store.stats({ from: '2020-01-01T00:00:00.000Z', to: '2020-01-02T00:00:00.000Z' });
      expect(empty).toMatchObject({ totalEvents: 0, oldestEvent: null, newestEvent: null });
    });

    it('reclassifies rows from an older classifier version and keeps totals true', async () => {
      await store.ingest([event(), event(), event({ actor: 'lee.gu@contoso.com' })].map(classified));
      const everythingUnknown = (): Classification => ({ category: 'unknown', confidence: 'low', reasons: [], ruleId: 'Test.Unknown.All' });
      expect(await store.reclassify(999, () => Promise.resolve(everythingUnknown))).toBe(3);
      expect((await store.stats()).byCategory).toMatchObject({ delegate: 0, unknown: 3 });
      // Already at version 999: nothing to redo.
      expect(await store.reclassify(999, () => Promise.resolve(everythingUnknown))).toBe(0);
    });

    it('tracks which windows have been ingested and returns the gaps', async () => {
      const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}T00:00:00.000Z`;
      const settled = { level: 'settled', checkedAt: day(20) } as const;
      await store.markCovered({ from: day(10), to: day(12) }, 'graph', settled);
      await store.markCovered({ from: day(12), to: day(14) }, 'graph', settled);
      await store.markCovered({ from: day(16), to: day(17) }, 'file', settled);
      expect(await store.uncovered({ from: day(11), to: day(13) })).toEqual([]);
      expect(await store.uncovered({ from: day(9), to: day(20) })).toEqual([
        { from: day(9), to: day(10) },
        { from: day(14), to: day(16) },
        { from: day(17), to: day(20) },
      ]);
    });

    it('keeps two coverage levels: provisional with its last check until settled, and settled never goes back', async () => {
      const hour = (h: number) => new Date(Date.UTC(2026, 10, 20, h)).toISOString();
      await store.markCovered({ from: hour(0), to: hour(4) }, 'graph', { level: 'provisional', checkedAt: hour(5) });
      await store.markCovered({ from: hour(4), to: hour(6) }, 'graph', { level: 'provisional', checkedAt: hour(7) });
      expect(await store.coverage({ from: hour(0), to: hour(8) })).toEqual([
        { from: hour(0), to: hour(4), level: 'provisional', checkedAt: hour(5) },
        { from: hour(4), to: hour(6), level: 'provisional', checkedAt: hour(7) },
      ]);
      // A re-sweep of both, checked later, merges them; part of it settles.
      await store.markCovered({ from: hour(0), to: hour(6) }, 'graph', { level: 'provisional', checkedAt: hour(12) });
      await store.markCovered({ from: hour(0), to: hour(2) }, 'graph', { level: 'settled', checkedAt: hour(80) });
      // A later provisional check of a settled range leaves it settled; another source's view merges in.
      await store.markCovered({ from: hour(1), to: hour(3) }, 'graph', { level: 'provisional', checkedAt: hour(90) });
      await store.markCovered({ from: hour(6), to: hour(7) }, 'file', { level: 'provisional', checkedAt: hour(9) });
      expect(await store.coverage({ from: hour(1), to: hour(8) })).toEqual([
        { from: hour(1), to: hour(2), level: 'settled', checkedAt: hour(80) },
        { from: hour(2), to: hour(3), level: 'provisional', checkedAt: hour(90) },
        { from: hour(3), to: hour(6), level: 'provisional', checkedAt: hour(12) },
        { from: hour(6), to: hour(7), level: 'provisional', checkedAt: hour(9) },
      ]);
      expect(await store.uncovered({ from: hour(0), to: hour(8) })).toEqual([{ from: hour(7), to: hour(8) }]);
    });

    describe('aggregates for detection', () => {
      const day = { from: '2026-11-19T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' };
      const owa = 'Client=OWA;Action=ViaProxy';

      it('groups a window per day, actor, identity, mailbox, operation, category, client and external access, with the earliest ids', async () => {
        const burst = ['09:00', '09:10', '09:20', '09:30'].map((t, i) => event({ id: `burst-${i}`, time: `2026-11-19T${t}:00.000Z` }));
        await store.ingest(
          [
            ...burst,
            event({ id: 'desktop', time: '2026-11-19T11:00:00.000Z', client: 'Client=MSExchangeRPC' }),
            event({ id: 'external', time: '2026-11-19T12:00:00.000Z', actor: 'megan.bowen@fabrikam.com', externalAccess: true }),
            event({ id: 'next-day', time: '2026-11-20T00:00:00.000Z' }),
            event({ id: 'day-before', time: '2026-11-18T23:59:59.999Z' }),
          ].map(classified),
        );
        const groups = await store.activityGroups(day, 2);
        expect(groups).toHaveLength(3);
        expect(groups[0]).toEqual({
          day: '2026-11-19',
          actor: 'alex.wilber@contoso.com',
          sentAs: 'finance@contoso.com',
          mailbox: 'finance@contoso.com',
          operation: 'SendAs',
          category: 'delegate',
          client: owa,
          externalAccess: false,
          appId: '00000002-0000-0ff1-ce00-000000000000',
          count: 4,
          first: '2026-11-19T09:00:00.000Z',
          last: '2026-11-19T09:30:00.000Z',
          sampleIds: ['burst-0', 'burst-1'],
        });
        expect(groups.find((g) => g.actor === 'megan.bowen@fabrikam.com')).toMatchObject({ externalAccess: true, count: 1, sampleIds: ['external'] });
        expect(groups.find((g) => g.client === 'Client=MSExchangeRPC')).toMatchObject({ count: 1, sampleIds: ['desktop'] });
        // Without samples: the same groups and counts, no ids.
        const plain = await store.activityGroups(day, 0);
        expect(plain.map((g) => [g.client, g.count, g.sampleIds.length])).toEqual(groups.map((g) => [g.client, g.count, 0]));
      });

      it('groups by client IP too when asked, and gives each group its IP', async () => {
        await store.ingest(
          [
            event({ id: 'tokyo-1', time: '2026-11-19T09:00:00.000Z', clientIp: '133.11.0.1' }),
            event({ id: 'tokyo-2', time: '2026-11-19T10:00:00.000Z', clientIp: '133.11.0.1' }),
            event({ id: 'nyc', time: '2026-11-19T11:00:00.000Z', clientIp: '8.8.8.8' }),
            event({ id: 'none', time: '2026-11-19T12:00:00.000Z', clientIp: null }),
          ].map(classified),
        );
        const byIp = await store.activityGroups({ ...day, byClientIp: true }, 1);
        expect(byIp.map((g) => [g.clientIp, g.count, g.sampleIds]).sort()).toEqual([
          ['133.11.0.1', 2, ['tokyo-1']],
          ['8.8.8.8', 1, ['nyc']],
          [null, 1, ['none']],
        ].sort());
        // Without it the IPs fold into one group that carries no IP.
        const plain = await store.activityGroups(day, 0);
        expect(plain).toHaveLength(1);
        expect(plain[0]).not.toHaveProperty('clientIp');
      });

      it('splits groups at UTC midnight and narrows to actors, identities and categories, case-insensitively', async () => {
        await store.ingest(
          [
            event({ time: '2026-11-17T10:00:00.000Z' }),
            event({ time: '2026-11-18T10:00:00.000Z' }),
            event({ time: '2026-11-18T11:00:00.000Z', actor: 'lee.gu@contoso.com', sentAs: 'hr@contoso.com', mailbox: 'hr@contoso.com' }),
            event({ time: '2026-11-18T12:00:00.000Z', actor: 'lee.gu@contoso.com', sentAs: 'lee.gu@contoso.com', mailbox: 'lee.gu@contoso.com', client: 'Client=OutlookService;Outlook-iOS/2.0;' }),
          ].map(classified),
        );
        const twoDays = { from: '2026-11-17T00:00:00.000Z', to: '2026-11-19T00:00:00.000Z' };
        const alex = await store.activityGroups({ ...twoDays, actors: ['Alex.Wilber@contoso.com'] }, 0);
        expect(alex.map((g) => `${g.day}:${g.count}`)).toEqual(['2026-11-18:1', '2026-11-17:1']);
        const lee = await store.activityGroups({ ...twoDays, actors: ['lee.gu@contoso.com'], categories: ['delegate'] }, 0);
        expect(lee.map((g) => g.sentAs)).toEqual(['hr@contoso.com']);
        const asHr = await store.activityGroups({ ...twoDays, sentAs: ['HR@contoso.com', 'nobody@contoso.com'] }, 0);
        expect(asHr.map((g) => g.actor)).toEqual(['lee.gu@contoso.com']);
        expect(await store.activityGroups({ ...twoDays, actors: [] }, 3)).toEqual([]);
      });

      it('finds the events of a record without a UserId by the empty actor, alone or in a list', async () => {
        const at = '2026-11-19T10:00:00.000Z';
        await store.ingest([event({ actor: '', time: at }), event({ actor: 'lee.gu@contoso.com', time: at })].map(classified));
        const nobody = await store.summarize({ ...day, actor: '' });
        expect(nobody.map((r) => `${r.actor}|${r.count}`)).toEqual(['|1']);
        const groups = await store.activityGroups({ ...day, actors: ['', 'lee.gu@contoso.com'] }, 1);
        expect(groups.map((g) => g.actor).sort()).toEqual(['', 'lee.gu@contoso.com']);
        expect(await store.activityGroups({ ...day, actors: ['nobody@contoso.com'] }, 1)).toEqual([]);
      });

      it('narrows to long lists of actors without hitting parameter limits', async () => {
        const actors = Array.from({ length: 1200 }, (_, i) => `user${i}@contoso.com`);
        await store.ingest(actors.filter((_, i) => i % 100 === 0).map((actor) => classified(event({ actor, time: '2026-11-19T10:00:00.000Z' }))));
        const groups = await store.activityGroups({ ...day, actors }, 1);
        expect(groups.map((g) => g.actor).sort()).toEqual(actors.filter((_, i) => i % 100 === 0).sort());
      });

      it('counts events per hour and category, oldest hour first', async () => {
        await store.ingest(
          [
            event({ time: '2026-11-19T09:05:00.000Z' }),
            event({ time: '2026-11-19T09:55:00.000Z' }),
            event({ time: '2026-11-19T09:30:00.000Z', actor: 'finance@contoso.com' }),
            event({ time: '2026-11-19T13:00:00.000Z' }),
            event({ time: '2026-11-20T00:00:00.000Z' }),
          ].map(classified),
        );
        expect(await store.hourlyCounts(day)).toEqual([
          { hour: '2026-11-19T09:00:00.000Z', category: 'delegate', count: 2 },
          { hour: '2026-11-19T09:00:00.000Z', category: 'owner-misreport', count: 1 },
          { hour: '2026-11-19T13:00:00.000Z', category: 'delegate', count: 1 },
        ]);
      });

      it('finds the oldest and newest events before an instant', async () => {
        expect(await store.eventBounds('2026-11-20T00:00:00.000Z')).toEqual({ oldest: null, newest: null });
        await store.ingest(
          [
            event({ id: 'oldest', time: '2026-11-01T08:00:00.000Z' }),
            event({ id: 'newest-a', time: '2026-11-19T08:00:00.000Z' }),
            event({ id: 'newest-b', time: '2026-11-19T08:00:00.000Z' }),
            event({ id: 'future', time: '2026-11-21T08:00:00.000Z' }),
          ].map(classified),
        );
        expect(await store.eventBounds('2026-11-20T00:00:00.000Z')).toEqual({
          oldest: '2026-11-01T08:00:00.000Z',
          newest: { id: 'newest-b', time: '2026-11-19T08:00:00.000Z' },
        });
      });

      it('lists the domains of the identities sent as, not of the actors', async () => {
        expect(await store.sentAsDomains()).toEqual([]);
        await store.ingest(
          [
            event({ actor: 'megan.bowen@fabrikam.com' }),
            event({ sentAs: 'ventas@contoso.co.jp', mailbox: 'ventas@contoso.co.jp' }),
            event({ sentAs: 'hr@contoso.com' }),
            event({ sentAs: null, operation: 'SendOnBehalf' }),
            event({ actor: 's-1-5-18', sentAs: 'Team Room', mailbox: null }),
          ].map(classified),
        );
        expect(await store.sentAsDomains()).toEqual(['contoso.co.jp', 'contoso.com']);
      });
    });
  });
}
