import type { RateLimit } from './settings';

/**
 * Sliding-window send caps per key (a conversation, a tenant), plus pauses a 429 asks for. In memory:
 * after a restart the windows start empty, which the caps' margin under Teams' limits absorbs.
 */
export class RateLimiter {
  private readonly sends = new Map<string, number[]>();
  private readonly pausedUntil = new Map<string, number>();
  private readonly longestWindowMs: number;

  constructor(private readonly limits: readonly RateLimit[]) {
    this.longestWindowMs = Math.max(0, ...limits.map((l) => l.windowMs));
  }

  /** Milliseconds until a send under `key` is allowed at `now`; 0 when it is. */
  delayFor(key: string, now: number): number {
    let allowedAt = this.pausedUntil.get(key) ?? now;
    const times = this.prune(key, now);
    for (const { windowMs, max } of this.limits) {
      const inWindow = times.filter((t) => t > now - windowMs);
      // The send that would make one too many leaves the window `windowMs` after the oldest that counts.
      if (inWindow.length >= max) allowedAt = Math.max(allowedAt, inWindow[inWindow.length - max] + windowMs);
    }
    return Math.max(0, allowedAt - now);
  }

  record(key: string, now: number): void {
    const times = this.prune(key, now);
    times.push(now);
    this.sends.set(key, times);
  }

  /** Holds every send under `key` until `until` (the connector said to wait). */
  pause(key: string, until: number): void {
    this.pausedUntil.set(key, Math.max(until, this.pausedUntil.get(key) ?? 0));
  }

  private prune(key: string, now: number): number[] {
    const times = (this.sends.get(key) ?? []).filter((t) => t > now - this.longestWindowMs);
    if (times.length === 0) this.sends.delete(key);
    else this.sends.set(key, times);
    const paused = this.pausedUntil.get(key);
    if (paused !== undefined && paused <= now) this.pausedUntil.delete(key);
    return times;
  }
}
