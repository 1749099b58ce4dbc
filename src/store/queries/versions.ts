import type { Selectable } from 'kysely';
import type { SectionVersionTable } from '../tables/editions.ts';
import type { Db } from '../record.ts';
import type { Lang } from '../../domain/vocabulary.ts';

export interface SectionVersionSummary {
  id: string;
  sectionId: string;
  lang: Lang;
  number: number;
  status: 'draft' | 'published' | 'superseded';
  uri: string;
  sha256: string;
  createdAt: string;
  publishedAt: string | null;
  supersededAt: string | null;
  /** Who checked it and who published it (null when not recorded: versions stored before migration 014). */
  createdBy: string | null;
  publishedBy: string | null;
  /** How many findings the check of this text gave. */
  findings: number;
}

export interface SectionVersionFull extends SectionVersionSummary {
  agendaItemId: string;
  text: string;
  findingList: { severity: string; code: string; message: string; where: string }[];
}

type Row = Selectable<SectionVersionTable>;

const summary = (r: Row): SectionVersionSummary => ({
  id: r.id,
  sectionId: r.section_id,
  lang: r.lang,
  number: r.number,
  status: r.status,
  uri: r.uri,
  sha256: r.sha256,
  createdAt: r.created_at,
  publishedAt: r.published_at,
  supersededAt: r.superseded_at,
  createdBy: r.created_by,
  publishedBy: r.published_by,
  findings: (JSON.parse(r.findings) as unknown[]).length,
});

/** Every version of the item's sections, by language then number. */
export async function listSectionVersions(db: Db, agendaItemId: string): Promise<SectionVersionSummary[]> {
  const rows = await db
    .selectFrom('section_version')
    .selectAll()
    .where('agenda_item_id', '=', agendaItemId)
    .orderBy('lang')
    .orderBy('number')
    .execute();
  return rows.map(summary);
}

/** One version with its text and findings; undefined when unknown. */
export async function getSectionVersion(db: Db, id: string): Promise<SectionVersionFull | undefined> {
  const r = await db.selectFrom('section_version').selectAll().where('id', '=', id).executeTakeFirst();
  return r
    ? {
        ...summary(r),
        agendaItemId: r.agenda_item_id,
        text: r.text,
        findingList: JSON.parse(r.findings) as SectionVersionFull['findingList'],
      }
    : undefined;
}

/** The agenda items that have a section version, each once (in no particular order). */
export async function itemIdsWithVersions(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('section_version').select('agenda_item_id').distinct().execute();
  return rows.map((r) => r.agenda_item_id);
}
