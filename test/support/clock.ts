/**
 * Tests of the written procedure run on a fixed date inside the recorded membership (data/reference ends
 * where the published membership does), whatever day the suite runs: the procedure's clock is real time
 * shifted by COUNCIL_TIME_SHIFT_MS to the same time of day on PROCEDURE_DAY, in this process and in every
 * server or command a test starts.
 */
export const PROCEDURE_DAY = '2025-06-16';

const startOfTodayUtc = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
export const TIME_SHIFT_MS = Date.parse(`${PROCEDURE_DAY}T00:00:00Z`) - startOfTodayUtc;

/** Environment that gives a server or command the shifted clock. */
export const TIME_ENV = { COUNCIL_TIME_SHIFT_MS: String(TIME_SHIFT_MS) };

/** Now, on the procedure's clock. */
export const procedureNow = (): Date => new Date(Date.now() + TIME_SHIFT_MS);
