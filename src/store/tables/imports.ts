/** What an import refused, and why: one row per refused row or vote, replaced whenever the source is re-imported. */
export interface ImportRefusalTable {
  source_id: string;
  ordinal: number;
  /** A short key ("not_on_council", "tally_mismatch", …) the pages group and translate by. */
  reason: string;
  /** Where in the source: "ID 81 (lines 1202–1215)". */
  locator: string;
  line: number | null;
  /** The decision or draft the row is about, when known. */
  subject: string | null;
  message: string;
}

export interface ImportTables {
  import_refusal: ImportRefusalTable;
}
