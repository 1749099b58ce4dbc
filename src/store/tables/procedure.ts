/** Tables of the written voting procedure (src/procedure). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProcedureTables {}
