/** Time as the shells see it: injected, so tests run on a fixed clock. */
export interface Clock {
  now(): Date;
}
