import type { CoreTables } from './tables/core.ts';
import type { ImportTables } from './tables/imports.ts';
import type { EditionTables } from './tables/editions.ts';
import type { ProcedureTables } from './tables/procedure.ts';
import type { SearchTables } from './tables/search.ts';

/** Every table of the record, for Kysely's typing. Each capability owns one file under tables/. */
export interface Database extends CoreTables, ProcedureTables, SearchTables, ImportTables, EditionTables {}
