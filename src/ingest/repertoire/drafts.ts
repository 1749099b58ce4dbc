/**
 * Drafts of a section: checked and kept beside the published version, never written into the record
 * until an editor publishes them. Reads: a draft file (or text) and the section's published version
 * (section_version). Writes: a `draft` row of section_version (record.ts recordSectionDraft); publishing
 * stores the draft through ingest.ts as the section, and the version published before is kept, superseded.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Store } from '../../store/db.ts';
import { recordSectionDraft } from '../../store/record.ts';
import { diffFacts, sectionFacts, type FactChange } from './facts.ts';
import { ingestSection, sectionIds, type IngestReport } from './ingest.ts';
import { DEFAULT_MAX_BYTES, readTextFile, resolveLang } from './input.ts';
import { extractSection } from './pipeline.ts';
import type { Finding, Lang } from './types.ts';

export interface DraftReport {
  file: string;
  draftId: string;
  /** `noop`: the same text was checked before and is kept once. */
  outcome: 'insert' | 'noop';
  sectionId: string;
  agendaItemId: string;
  lang: Lang;
  /** The published version the draft is compared with; null when the section has none yet. */
  publishedId: string | null;
  findings: Finding[];
  changes: FactChange[];
}

export class DraftError extends Error {}

/** Checks a draft's text and keeps it as a draft of its section, with its findings and its diff. */
export async function checkDraftText(
  store: Store,
  text: string,
  file: string,
  options: { lang?: Lang; year?: number } = {},
): Promise<DraftReport> {
  const lang = resolveLang(text, options.lang, file);
  const section = extractSection(text, options.year ? { lang, year: options.year } : { lang });
  if (!section.item.number || !section.year)
    throw new DraftError(`${file}: no item number or year could be read, so the draft cannot be kept`);
  const ids = sectionIds(section);
  const published = await store.db
    .selectFrom('section_version')
    .select(['id', 'text'])
    .where('section_id', '=', ids.sectionId)
    .where('status', '=', 'published')
    .executeTakeFirst();
  const before = published ? sectionFacts(extractSection(published.text, { lang, year: section.year })) : [];
  const kept = await store.db.transaction().execute((trx) =>
    recordSectionDraft(trx, {
      sectionId: ids.sectionId,
      agendaItemId: ids.agendaItemId,
      lang,
      uri: basename(file),
      sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
      text,
      findings: JSON.stringify(section.findings),
      now: new Date().toISOString(),
    }),
  );
  return {
    file,
    draftId: kept.id,
    outcome: kept.outcome === 'noop' ? 'noop' : 'insert',
    sectionId: ids.sectionId,
    agendaItemId: ids.agendaItemId,
    lang,
    publishedId: published?.id ?? null,
    findings: section.findings,
    changes: diffFacts(before, sectionFacts(section)),
  };
}

export async function checkDraftFile(
  store: Store,
  file: string,
  options: { lang?: Lang; year?: number; maxBytes?: number } = {},
): Promise<DraftReport> {
  return checkDraftText(store, readTextFile(file, options.maxBytes ?? DEFAULT_MAX_BYTES), file, options);
}

/** Makes a draft the published version of its section: its facts become the record's. */
export async function publishDraft(store: Store, draftId: string): Promise<IngestReport> {
  const draft = await store.db
    .selectFrom('section_version')
    .selectAll()
    .where('id', '=', draftId)
    .executeTakeFirst();
  if (!draft) throw new DraftError(`no section version "${draftId}" (see council section versions ITEM)`);
  if (draft.status !== 'draft')
    throw new DraftError(
      `section version "${draftId}" is ${draft.status}, not a draft: only a draft is published`,
    );
  const section = extractSection(draft.text, {
    lang: draft.lang,
    year: Number(draft.agenda_item_id.split('-')[0]),
  });
  return ingestSection(store, section, draft.uri, Buffer.from(draft.text, 'utf8'), { draftId });
}
