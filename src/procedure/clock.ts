/** The procedure's clock; tests pass their own to move time without waiting. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
export const iso = (d: Date): string => d.toISOString();
