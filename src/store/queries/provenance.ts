import type { Db } from '../record.ts';
import type { ProvenanceTable } from '../tables/core.ts';

export interface SourceRef {
  sourceId: string;
  locator: string;
  kind: string | null;
  uri: string | null;
  title: string | null;
  lang: string | null;
}

export interface ConflictRef {
  field: string;
  value: string;
  sourceId: string;
  locator: string;
}

/** Where the facts about one entity came from, each with its source document. */
export async function provenanceOf(
  db: Db,
  entityType: ProvenanceTable['entity_type'],
  entityId: string,
): Promise<SourceRef[]> {
  const rows = await db
    .selectFrom('provenance as p')
    .leftJoin('source as s', 's.id', 'p.source_id')
    .select(['p.source_id', 'p.locator', 's.kind', 's.uri', 's.title', 's.lang'])
    .where('p.entity_type', '=', entityType)
    .where('p.entity_id', '=', entityId)
    .orderBy('p.source_id')
    .orderBy('p.locator')
    .execute();
  return rows.map((r) => ({
    sourceId: r.source_id,
    locator: r.locator,
    kind: r.kind,
    uri: r.uri,
    title: r.title,
    lang: r.lang,
  }));
}

/** Fields on which two sources disagree about one entity, both values kept. */
export async function conflictsOf(db: Db, entityType: string, entityId: string): Promise<ConflictRef[]> {
  const rows = await db
    .selectFrom('conflict')
    .select(['field', 'value', 'source_id', 'locator'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('field')
    .orderBy('source_id')
    .execute();
  return rows.map((r) => ({ field: r.field, value: r.value, sourceId: r.source_id, locator: r.locator }));
}
