/**
 * Drafts of a section: checked and kept beside the published version, never written into the record
 * until an editor publishes them. Reads: a draft file (or text) and the section's published version
 * (section_version). Writes: a `draft` row of section_version (record.ts recordSectionDraft); publishing
 * stores the draft through ingest.ts as the section, and the version published before is kept, superseded.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Store } from '../../store/db.ts';
import { recordSectionDraft, type FollowChanges } from '../../store/record.ts';
import { diffFacts, sectionFacts, type FactChange } from './facts.ts';
import { ingestSection, sectionIds, type IngestReport } from './ingest.ts';
import { DEFAULT_MAX_BYTES, readTextFile, resolveLang } from './input.ts';
import { extractSection } from './pipeline.ts';
import type { Finding, Lang, Section } from './types.ts';
import { getSectionVersion, type SectionVersionFull } from '../../store/queries/versions.ts';

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

/**
 * A draft refused. `code` and `field` say what is wrong and with which input (the text, the item the
 * editor said it is a section of), so a form can name the field in its reader's language.
 */
export class DraftError extends Error {
  constructor(
    message: string,
    readonly code: 'unreadable' | 'wrong_item' | 'not_found' | 'not_draft' = 'unreadable',
    readonly field: 'text' | 'item' | null = null,
    /** For `wrong_item`: the agenda item the text turned out to be a section of ("2020-23"). */
    readonly readItem: string | null = null,
  ) {
    super(message);
  }
}

export interface DraftOptions {
  lang?: Lang;
  year?: number;
  /** The agenda item the editor says the text is a section of ("2020-23"): another item is refused. */
  agendaItemId?: string;
  /** Who checks it (an editor's account, `cli:<user>`), kept with the draft. */
  by?: string;
}

/** Checks a draft's text and keeps it as a draft of its section, with its findings and its diff. */
export async function checkDraftText(
  store: Store,
  text: string,
  file: string,
  options: DraftOptions = {},
): Promise<DraftReport> {
  const lang = resolveLang(text, options.lang, file);
  const year =
    options.year ?? (options.agendaItemId ? Number(options.agendaItemId.split('-')[0]) : undefined);
  const section = extractSection(text, year ? { lang, year } : { lang });
  if (!section.item.number || !section.year)
    throw new DraftError(
      `${file}: no item number or year could be read, so the draft cannot be kept`,
      'unreadable',
      'text',
    );
  const ids = sectionIds(section);
  if (options.agendaItemId && ids.agendaItemId !== options.agendaItemId)
    throw new DraftError(
      `${file}: the text is a section of item ${ids.agendaItemId}, not of item ${options.agendaItemId}`,
      'wrong_item',
      'item',
      ids.agendaItemId,
    );
  const compared = await againstPublished(store, section, ids.sectionId);
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
      by: options.by ?? null,
    }),
  );
  return {
    file,
    draftId: kept.id,
    outcome: kept.outcome === 'noop' ? 'noop' : 'insert',
    sectionId: ids.sectionId,
    agendaItemId: ids.agendaItemId,
    lang,
    ...compared,
    findings: section.findings,
  };
}

/** What a section's text adds, changes and removes against the section's published version. */
async function againstPublished(
  store: Store,
  section: Section,
  sectionId: string,
): Promise<{ publishedId: string | null; changes: FactChange[] }> {
  const published = await store.db
    .selectFrom('section_version')
    .select(['id', 'text'])
    .where('section_id', '=', sectionId)
    .where('status', '=', 'published')
    .executeTakeFirst();
  const before = published
    ? sectionFacts(extractSection(published.text, { lang: section.lang, year: section.year! }))
    : [];
  return { publishedId: published?.id ?? null, changes: diffFacts(before, sectionFacts(section)) };
}

export interface DraftReview {
  version: SectionVersionFull;
  findings: Finding[];
  /** Against the version published now (a draft checked earlier is compared afresh). */
  publishedId: string | null;
  changes: FactChange[];
}

/** A kept draft (or any version) read again: its findings and its diff against the published version. */
export async function reviewDraft(store: Store, versionId: string): Promise<DraftReview> {
  const version = await getSectionVersion(store.db, versionId);
  if (!version) throw new DraftError(`no section version "${versionId}"`, 'not_found');
  const section = extractSection(version.text, { lang: version.lang, year: yearOf(version.agendaItemId) });
  return {
    version,
    findings: section.findings,
    ...(version.status === 'draft'
      ? await againstPublished(store, section, version.sectionId)
      : { publishedId: null, changes: [] }),
  };
}

const yearOf = (agendaItemId: string) => Number(agendaItemId.split('-')[0]);

export async function checkDraftFile(
  store: Store,
  file: string,
  options: DraftOptions & { maxBytes?: number } = {},
): Promise<DraftReport> {
  return checkDraftText(store, readTextFile(file, options.maxBytes ?? DEFAULT_MAX_BYTES), file, options);
}

/**
 * Makes a draft the published version of its section: its facts become the record's. `follow` runs in the
 * same transaction with what changed (the search index re-indexing those units: indexer.ts indexChanges).
 */
export async function publishDraft(
  store: Store,
  draftId: string,
  by?: string,
  follow?: FollowChanges,
): Promise<IngestReport> {
  const draft = await store.db
    .selectFrom('section_version')
    .selectAll()
    .where('id', '=', draftId)
    .executeTakeFirst();
  if (!draft)
    throw new DraftError(`no section version "${draftId}" (see council section versions ITEM)`, 'not_found');
  if (draft.status !== 'draft')
    throw new DraftError(
      `section version "${draftId}" is ${draft.status}, not a draft: only a draft is published`,
      'not_draft',
    );
  const section = extractSection(draft.text, { lang: draft.lang, year: yearOf(draft.agenda_item_id) });
  return ingestSection(store, section, draft.uri, Buffer.from(draft.text, 'utf8'), {
    draftId,
    ...(by ? { by } : {}),
    ...(follow ? { follow } : {}),
  });
}
