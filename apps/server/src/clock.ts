/** Time as a dependency, so tests can move it (session expiry, reminders, pool recycling). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}

/** A clock tests can set and advance. */
export function manualClock(start: Date | string = "2026-01-05T09:00:00.000Z"): Clock & {
  set(at: Date | string): void;
  advance(ms: number): void;
} {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(at) {
      current = new Date(at);
    },
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
  };
}
