import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../record.ts';
import type { ProvenanceTable } from '../tables/core.ts';
import { footnotesCiting, type CitingFootnote } from './citations.ts';

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

/** A ref about one of several entities: which entity it speaks for. */
export type About<T> = T & { entityType: string; entityId: string };

/** A source of one of several entities, and where. */
export type EntitySourceRef = About<SourceRef>;

/** A disagreement about one of several entities. */
export type EntityConflictRef = About<ConflictRef>;

/** Rows of `provenance` or `conflict` (columns `entity_type`, `entity_id`) about any of the entities. */
function aboutAny(entities: EntityRef[], table: 'p' | 'conflict'): Expression<SqlBool> {
  const about = (e: EntityRef) =>
    sql<SqlBool>`(${sql.ref(`${table}.entity_type`)} = ${e.type} and ${sql.ref(`${table}.entity_id`)} = ${e.id})`;
  return sql<SqlBool>`(${sql.join(entities.map(about), sql` or `)})`;
}

/**
 * Where the facts about the entities came from, each with its source document, by source then locator.
 * One query for a whole page (a meeting with its participants, decisions and positions).
 */
export async function provenanceOf(db: Db, entities: EntityRef[]): Promise<EntitySourceRef[]> {
  if (entities.length === 0) return [];
  return db
    .selectFrom('provenance as p')
    .leftJoin('source as s', 's.id', 'p.source_id')
    .select(['p.entity_type as entityType', 'p.entity_id as entityId'])
    .select(['p.source_id as sourceId', 'p.locator', 's.kind', 's.uri', 's.title', 's.lang'])
    .where(aboutAny(entities, 'p'))
    .orderBy('p.source_id')
    .orderBy('p.locator')
    .execute();
}

/** The same refs without the entity they speak for (a detail lists only its own). */
function withoutEntity<T>(rows: About<T>[]): T[] {
  return rows.map(({ entityType: _t, entityId: _i, ...ref }) => ref as T);
}

/** The sources of one entity, as the API and the publishers list them. */
export async function sourcesOf(db: Db, entity: EntityRef): Promise<SourceRef[]> {
  return withoutEntity(await provenanceOf(db, [entity]));
}

/** Fields on which two sources disagree about the entities, both values kept; by field then source. */
export async function conflictsOf(db: Db, entities: EntityRef[]): Promise<EntityConflictRef[]> {
  if (entities.length === 0) return [];
  return db
    .selectFrom('conflict')
    .select(['entity_type as entityType', 'entity_id as entityId', 'field', 'value'])
    .select(['source_id as sourceId', 'locator'])
    .where(aboutAny(entities, 'conflict'))
    .orderBy('field')
    .orderBy('source_id')
    .execute();
}

/** The disagreements about one entity. */
export async function conflictsAbout(db: Db, entity: EntityRef): Promise<ConflictRef[]> {
  return withoutEntity(await conflictsOf(db, [entity]));
}

/** What a detail adds about its record: the Repertoire footnotes citing it, its sources, its conflicts. */
export interface RecordRefs {
  citedBy: CitingFootnote[];
  sources: SourceRef[];
  conflicts: ConflictRef[];
}

/** The refs about one entity, cited in footnotes by any of the symbols. */
export async function refsAbout(db: Db, entity: EntityRef, symbols: string[]): Promise<RecordRefs> {
  return {
    citedBy: await footnotesCiting(db, symbols),
    sources: await sourcesOf(db, entity),
    conflicts: await conflictsAbout(db, entity),
  };
}

/** Every entity of a type with the ids of its sources, each list by source id without repeats (the exports). */
export async function sourceIdsByEntity(
  db: Db,
  entityType: 'meeting' | 'decision',
): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('provenance')
    .select(['entity_id', 'source_id'])
    .where('entity_type', '=', entityType)
    .orderBy('entity_id')
    .orderBy('source_id')
    .execute();
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = out.get(r.entity_id) ?? new Set<string>();
    set.add(r.source_id);
    out.set(r.entity_id, set);
  }
  return new Map([...out].map(([k, v]) => [k, [...v]]));
}

/**
 * The sources of the entities of a type, looked up by their ids 500 at a time (the whole history's
 * provenance would cost every page the entire table; a join lets SQLite start from provenance).
 */
export async function provenanceOfIds(
  db: Db,
  type: ProvenanceTable['entity_type'],
  ids: string[],
): Promise<{ entity_type: string; entity_id: string; source_id: string }[]> {
  const out: { entity_type: string; entity_id: string; source_id: string }[] = [];
  for (let i = 0; i < ids.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('provenance')
        .select(['entity_type', 'entity_id', 'source_id'])
        .where('entity_type', '=', type)
        .where('entity_id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  return out;
}
