import { InvalidArgumentError } from 'commander';

export function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number of 1 or more.');
  return Number(value);
}

export function isoInstant(value: string): Date {
  const ms = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new InvalidArgumentError('expected an ISO 8601 date or time, e.g. 2026-11-23T09:00:00Z.');
  return new Date(ms);
}
