/** What a SendAs / SendOnBehalf record really is. See DESIGN.md, "The classifier". */
export const CATEGORIES = ['delegate', 'owner-misreport', 'connector', 'application', 'unknown'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Categories that are workload noise rather than a person using another mailbox. */
export const NOISE_CATEGORIES: readonly Category[] = ['owner-misreport', 'connector', 'application'];

export type Confidence = 'high' | 'medium' | 'low';

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}
