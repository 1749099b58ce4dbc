/** The procedure's clock; tests pass their own to move time without waiting. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/**
 * The clock of a configured server or command: real time, or real time shifted by COUNCIL_TIME_SHIFT_MS,
 * so a rehearsal (or a test) can run the procedure on a chosen date with real-time deadlines.
 */
export function configuredClock(shiftMs: number): Clock {
  return shiftMs === 0 ? systemClock : () => new Date(Date.now() + shiftMs);
}
export const iso = (d: Date): string => d.toISOString();
