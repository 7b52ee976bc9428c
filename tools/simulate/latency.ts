import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Random } from '../../src/audit/demo/random';

const profileSchema = z.object({
  delays: z
    .array(
      z
        .tuple([z.number().min(0), z.number().min(0), z.number().positive()])
        .refine(([min, max]) => min <= max, 'a bucket is [minMinutes, maxMinutes, weight] with min <= max'),
    )
    .min(1),
});

/** A delay profile: buckets of [minMinutes, maxMinutes, weight]. */
export type LatencyProfile = z.infer<typeof profileSchema>;

export function readLatencyProfile(path: string): LatencyProfile {
  const parsed = profileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** A delay in ms: a bucket chosen by weight, then uniform inside it. */
export function drawDelayMs(profile: LatencyProfile, random: Random): number {
  const total = profile.delays.reduce((sum, [, , weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [min, max, weight] of profile.delays) {
    roll -= weight;
    if (roll < 0) return Math.round((min + random.next() * (max - min)) * 60_000);
  }
  const [min, max] = profile.delays[profile.delays.length - 1];
  return Math.round((min + random.next() * (max - min)) * 60_000);
}

/** The longest delay the profile can draw, in ms. */
export function maxDelayMs(profile: LatencyProfile): number {
  return Math.max(...profile.delays.map(([, max]) => max)) * 60_000;
}
