import type { AdaptiveCard } from '../../src/cards';
import type { EventLogger } from '../../src/runtime/logger';
import type { SendOutcome } from '../../src/notify/retry';
import type { ProactiveSender } from '../../src/notify/sender';
import type { StoredConversation } from '../../src/store/store';
import type { Timers } from '../../src/runtime/timers';
import type { FakeClock } from '../fakes/clock';

export interface SentCard {
  readonly conversationId: string;
  readonly card: AdaptiveCard;
}

/**
 * A sender that answers from a script per conversation (then accepts), records every card, and can
 * hold sends open to act as a connector that is slow to answer.
 */
export class ScriptedSender implements ProactiveSender {
  readonly sent: SentCard[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private readonly scripts = new Map<string, SendOutcome[]>();
  private held: (() => void)[] | null = null;
  /** Conversations whose sends wait for `release`; null: every conversation (after `hold`). */
  private heldOnly: Set<string> | null = null;
  private nextId = 1;

  /** The next sends to `conversationId` get these answers, in order. */
  answer(conversationId: string, ...outcomes: SendOutcome[]): void {
    this.scripts.set(conversationId, [...(this.scripts.get(conversationId) ?? []), ...outcomes]);
  }

  /** From now on sends (to these conversations, or all) wait until `release`: the connector has them, the bot has no answer yet. */
  hold(...conversationIds: string[]): void {
    this.held = [];
    this.heldOnly = conversationIds.length === 0 ? null : new Set(conversationIds);
  }

  release(): void {
    const held = this.held ?? [];
    this.held = null;
    this.heldOnly = null;
    for (const go of held) go();
  }

  cardsFor(conversationId: string): AdaptiveCard[] {
    return this.sent.filter((s) => s.conversationId === conversationId).map((s) => s.card);
  }

  async send(conversation: StoredConversation, card: AdaptiveCard): Promise<SendOutcome> {
    this.sent.push({ conversationId: conversation.id, card });
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.held !== null && (this.heldOnly === null || this.heldOnly.has(conversation.id))) {
        const held = this.held;
        await new Promise<void>((resolve) => held.push(resolve));
      } else {
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.inFlight -= 1;
    }
    const scripted = this.scripts.get(conversation.id)?.shift();
    return scripted ?? { ok: true, activityId: `activity-${this.nextId++}` };
  }
}

export function rejected(status: number | null, code: string | null = null, retryAfterMs: number | null = null): SendOutcome {
  return { ok: false, status, code, retryAfterMs, certain: status !== null };
}

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

/** A logger that keeps what it is told, for asserting on events. */
export function memoryLogger(): EventLogger & { readonly lines: LogLine[]; events(name: string): LogLine[] } {
  const lines: LogLine[] = [];
  const log = (level: LogLine['level']) => (fields: object, message: string) => void lines.push({ level, fields: fields as Record<string, unknown>, message });
  return {
    lines,
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    events: (name) => lines.filter((l) => l.fields.event === name),
  };
}

/** Every item container of an anomaly card: one per anomaly shown. */
export function anomalyItems(card: unknown): Record<string, unknown>[] {
  const body = (card as { body?: Record<string, unknown>[] }).body ?? [];
  return body.filter((element) => element.type === 'Container' && typeof element.id === 'string' && element.id.startsWith('row-'));
}

/** Sleeps that end when the test says so, moving the fake clock by what was asked. */
export class ManualTimers implements Timers {
  readonly asked: number[] = [];
  private pending: (() => void) | null = null;

  constructor(private readonly clock: FakeClock) {}

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    this.asked.push(ms);
    return new Promise((resolve) => {
      const done = () => {
        this.pending = null;
        resolve();
      };
      this.pending = () => {
        this.clock.advance(ms);
        done();
      };
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Ends the current sleep; false when nothing sleeps. */
  tick(): boolean {
    const pending = this.pending;
    pending?.();
    return pending !== null;
  }
}

export async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}
