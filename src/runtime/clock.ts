/** Time as the shells see it: injected, so tests run on a fixed clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock over a `now` function (the form AppOptions and the notifiers take). */
export function clockOf(now: () => Date): Clock {
  return { now };
}
