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

/** A record entity as provenance and conflicts name it. */
export interface EntityRef {
  type: ProvenanceTable['entity_type'];
  id: string;
}

/** A source of one of several entities: which entity it speaks for, and where. */
export interface EntitySourceRef extends SourceRef {
  entityType: string;
  entityId: string;
}

/**
 * Where the facts about the entities came from, each with its source document, by source then locator.
 * One query for a whole page (a meeting with its participants, decisions and positions).
 */
export async function provenanceOf(db: Db, entities: EntityRef[]): Promise<EntitySourceRef[]> {
  if (entities.length === 0) return [];
  const rows = await db
    .selectFrom('provenance as p')
    .leftJoin('source as s', 's.id', 'p.source_id')
    .select([
      'p.entity_type',
      'p.entity_id',
      'p.source_id',
      'p.locator',
      's.kind',
      's.uri',
      's.title',
      's.lang',
    ])
    .where((eb) =>
      eb.or(entities.map((e) => eb.and([eb('p.entity_type', '=', e.type), eb('p.entity_id', '=', e.id)]))),
    )
    .orderBy('p.source_id')
    .orderBy('p.locator')
    .execute();
  return rows.map((r) => ({
    entityType: r.entity_type,
    entityId: r.entity_id,
    sourceId: r.source_id,
    locator: r.locator,
    kind: r.kind,
    uri: r.uri,
    title: r.title,
    lang: r.lang,
  }));
}

/** The same refs without the entity they speak for (a detail lists only its own). */
function withoutEntity<T extends { entityType: string; entityId: string }>(
  rows: T[],
): Omit<T, 'entityType' | 'entityId'>[] {
  return rows.map(({ entityType: _t, entityId: _i, ...ref }) => ref);
}

/** The sources of one entity, as the API and the publishers list them. */
export async function sourcesOf(db: Db, entity: EntityRef): Promise<SourceRef[]> {
  return withoutEntity(await provenanceOf(db, [entity]));
}

/** A disagreement about one of several entities. */
export interface EntityConflictRef extends ConflictRef {
  entityType: string;
  entityId: string;
}

/** Fields on which two sources disagree about the entities, both values kept; by field then source. */
export async function conflictsOf(db: Db, entities: EntityRef[]): Promise<EntityConflictRef[]> {
  if (entities.length === 0) return [];
  const rows = await db
    .selectFrom('conflict')
    .select(['entity_type', 'entity_id', 'field', 'value', 'source_id', 'locator'])
    .where((eb) =>
      eb.or(entities.map((e) => eb.and([eb('entity_type', '=', e.type), eb('entity_id', '=', e.id)]))),
    )
    .orderBy('field')
    .orderBy('source_id')
    .execute();
  return rows.map((r) => ({
    entityType: r.entity_type,
    entityId: r.entity_id,
    field: r.field,
    value: r.value,
    sourceId: r.source_id,
    locator: r.locator,
  }));
}

/** The disagreements about one entity. */
export async function conflictsAbout(db: Db, entity: EntityRef): Promise<ConflictRef[]> {
  return withoutEntity(await conflictsOf(db, [entity]));
}
