import type { Activity } from 'botbuilder';
import { TestAdapter, TurnContext } from 'botbuilder';
import { ConversationRegistry, conversationRecordOf } from '../../src/notify/conversations';
import { SqliteStore } from '../../src/store/sqlite/store';
import { FakeClock } from '../fakes/clock';
import { teamsMessage } from '../support/activities';
import { TENANT_ID, anomaly } from './fixtures';
import { memoryLogger } from './support';

const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

function activity(options: Partial<Parameters<typeof teamsMessage>[0]> = {}): Activity {
  return teamsMessage({ serviceUrl: SERVICE_URL, text: 'subscribe', ...options }) as unknown as Activity;
}

describe('the conversation a turn came from', () => {
  it('keeps the reference with its id, service URL, tenant and type, not replying to the message', () => {
    const record = conversationRecordOf(activity({ conversationType: 'groupChat', conversationId: '19:group@thread.v2' }));
    expect(record).toMatchObject({ id: '19:group@thread.v2', serviceUrl: SERVICE_URL, tenantId: TENANT_ID, channelId: 'msteams', conversationType: 'groupChat' });
    const reference = JSON.parse(record?.reference ?? '{}');
    expect(reference).toMatchObject({ serviceUrl: SERVICE_URL, channelId: 'msteams', conversation: { id: '19:group@thread.v2', tenantId: TENANT_ID }, bot: { id: '28:bot-id' }, user: { id: '29:admin-user' } });
    expect(reference.activityId).toBeUndefined();
  });

  it('posts to a channel as a new thread: the message id suffix is dropped', () => {
    const record = conversationRecordOf(activity({ conversationType: 'channel', conversationId: '19:abc@thread.tacv2;messageid=1763372000000' }));
    expect(record?.id).toBe('19:abc@thread.tacv2');
    expect(JSON.parse(record?.reference ?? '{}').conversation.id).toBe('19:abc@thread.tacv2');
  });

  it('takes the tenant from channelData when the conversation lacks it, and refuses an activity with nowhere to post', () => {
    const base = activity();
    const withoutTenant = { ...base, conversation: { ...base.conversation, tenantId: undefined } } as unknown as Activity;
    expect(conversationRecordOf(withoutTenant)?.tenantId).toBe(TENANT_ID);
    expect(conversationRecordOf({ ...base, serviceUrl: '' })).toBeNull();
    expect(conversationRecordOf({ ...base, conversation: undefined })).toBeNull();
  });
});

describe('the conversation registry the bot calls', () => {
  let store: SqliteStore;
  const clock = new FakeClock('2026-11-20T06:00:00.000Z');
  const logger = memoryLogger();
  let woken = 0;
  const registry = (catchUpMs = 48 * 3600_000) =>
    new ConversationRegistry({
      store,
      clock,
      catchUpMs,
      logger,
      onEnqueued: () => {
        woken += 1;
      },
    });
  const turn = (a: Activity) => new TurnContext(new TestAdapter(), a);

  beforeEach(() => {
    store = new SqliteStore(':memory:', { now: () => 0 });
    woken = 0;
  });
  afterEach(() => store.close());

  it('remembers a conversation on every turn and forgets it on uninstall', async () => {
    const hooks = registry();
    await hooks.seen(turn(activity({ conversationId: 'a:chat-1' })));
    expect(await store.getConversation('a:chat-1')).toMatchObject({ serviceUrl: SERVICE_URL, subscribed: false });
    await hooks.removed(turn(activity({ conversationId: 'a:chat-1' })), 'uninstalled');
    expect(await store.getConversation('a:chat-1')).toBeNull();
    expect(logger.events('conversation-forgotten').at(-1)?.fields).toMatchObject({ conversation: 'a:chat-1', reason: 'uninstalled' });
  });

  it('subscribes with the asker’s language and zone, catches up on recent anomalies and wakes delivery', async () => {
    const hooks = registry();
    await store.recordAnomalies([anomaly(), anomaly({ kind: 'spike', at: '2026-11-01T10:00:00.000Z' })], '2026-11-20T05:00:00.000Z', { announce: true });
    const context = turn(activity({ conversationId: 'a:chat-2' }));
    await hooks.seen(context);
    const control = hooks.subscriptions(context);
    expect(await control.subscribe({ language: 'ja', timeZone: 'Asia/Tokyo' })).toEqual({ status: 'changed', queued: 1 });
    expect(woken).toBe(1);
    expect(await store.getConversation('a:chat-2')).toMatchObject({ subscribed: true, locale: 'ja', timeZone: 'Asia/Tokyo' });
    expect(await control.subscribe({ language: 'ja', timeZone: 'Asia/Tokyo' })).toEqual({ status: 'unchanged', queued: 0 });
    expect(await control.mute('new-delegate', 'finance@contoso.com')).toEqual({ status: 'changed', queued: 0 });
    expect(await control.mute('new-delegate', 'Finance@Contoso.com')).toEqual({ status: 'unchanged', queued: 0 });
    expect(await store.listDeliveries({ conversationId: 'a:chat-2' })).toEqual([expect.objectContaining({ state: 'cancelled' })]);
    expect(await control.unmute('new-delegate', 'FINANCE@contoso.com')).toEqual({ status: 'changed', queued: 0 });
    expect(await control.unmute('new-delegate', 'finance@contoso.com')).toEqual({ status: 'unchanged', queued: 0 });
    expect(await store.listMutes('a:chat-2')).toEqual([]);
    expect(await control.unsubscribe()).toEqual({ status: 'changed', queued: 0 });
    expect(await control.unsubscribe()).toEqual({ status: 'unchanged', queued: 0 });
  });

  it('catches up on nothing when told so', async () => {
    await store.recordAnomalies([anomaly()], '2026-11-20T05:00:00.000Z', { announce: true });
    const hooks = registry(0);
    const context = turn(activity({ conversationId: 'a:chat-3' }));
    await hooks.seen(context);
    expect(await hooks.subscriptions(context).subscribe({ language: 'en', timeZone: 'UTC' })).toEqual({ status: 'changed', queued: 0 });
    expect(woken).toBe(0);
  });

  it('says unavailable for a conversation it could not keep', async () => {
    const hooks = registry();
    const nowhere = turn({ ...activity(), serviceUrl: '' });
    await hooks.seen(nowhere);
    expect(await hooks.subscriptions(nowhere).subscribe({ language: 'en', timeZone: 'UTC' })).toEqual({ status: 'unavailable', queued: 0 });
    const unseen = turn(activity({ conversationId: 'a:never-seen' }));
    expect(await hooks.subscriptions(unseen).subscribe({ language: 'en', timeZone: 'UTC' })).toEqual({ status: 'unavailable', queued: 0 });
  });
});
