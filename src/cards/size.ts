import type { AdaptiveCard } from './render';

/**
 * The most a card may weigh, counted as Teams counts a bot message: UTF-16, two bytes per JSON code
 * unit. Teams' documented limit is now about 100 KB per message (80 KB recommended); it used to be
 * 40 KB and, before that, 28 KB, which Power Automate workflows still enforce (28,672 bytes). 28 KB
 * keeps a card deliverable everywhere and leaves the activity envelope (ids, addresses, entities)
 * ample room under the current limit; builders page rather than go over it.
 */
export const CARD_BUDGET_BYTES = 28 * 1024;

/** UTF-16 bytes of the card's JSON: each JavaScript string code unit is two bytes. */
export function cardBytes(card: AdaptiveCard): number {
  return JSON.stringify(card).length * 2;
}
