import { create } from 'xmlbuilder2';
import { tryParseSymbol } from '../domain/symbols.ts';
import { getDecision } from '../store/queries/decisions.ts';
import { agendaItemRow } from '../store/queries/items.ts';
import { getItemSection } from '../store/queries/sections.ts';
import type { Db } from '../store/record.ts';
import { repertoireDate } from '../domain/labels.ts';
import { publishSection, type PublishedSection } from './section.ts';
import type { Lang } from '../domain/vocabulary.ts';

/**
 * A Council resolution as Akoma Ntoso XML (OASIS LegalDocML, following the AKN4UN naming conventions
 * for UN documents). The record does not hold resolutions' texts: it knows the resolution's metadata
 * (symbol, date, vote, written procedure) and which operative paragraphs the Repertoire cites, with the
 * Repertoire's summary of each. The document says so: every paragraph is marked status="omissis", and
 * the summaries are notes attributed to the Repertoire, not the resolution's words.
 */

export const AKN_NS = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';
const CR_NS = 'https://council-record.org/ns/akn-proprietary/1';

export class AknUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AknUnavailableError';
  }
}

interface CitedParagraph {
  paragraph: number;
  summaries: { text: string; lang: Lang; footnote: number; sectionId: string }[];
}

/** The sentence of the section's narrative that footnote `sourceNumber` annotates. */
function summaryBefore(s: PublishedSection, sourceNumber: number): string | null {
  const fn = s.footnotes.find((f) => f.sourceNumber === sourceNumber);
  if (!fn) return null;
  for (const p of s.paragraphs) {
    const at = p.segments.findIndex((seg) => 'footnote' in seg && seg.footnote === fn.number);
    if (at < 0) continue;
    let text = '';
    for (let i = at - 1; i >= 0; i--) {
      const seg = p.segments[i]!;
      if ('footnote' in seg) break;
      text = seg.text + text;
    }
    // From the end of the previous sentence: 。 in Chinese, ". " in English.
    const cut = Math.max(text.lastIndexOf('。', text.length - 2), text.lastIndexOf('. ', text.length - 3));
    return text.slice(cut >= 0 ? cut + 1 : 0).trim() || null;
  }
  return null;
}

export async function resolutionAkn(db: Db, symbolInput: string, lang: Lang = 'en'): Promise<string> {
  const parsed = tryParseSymbol(symbolInput);
  if (!parsed || parsed.kind !== 'resolution') {
    throw new AknUnavailableError(
      `"${symbolInput}" is not a Security Council resolution symbol (expected e.g. S/RES/2518 (2020))`,
    );
  }
  const d = await getDecision(db, parsed.text);
  if (!d) throw new AknUnavailableError(`resolution ${parsed.text} is not in the record`);
  const date = d.date;

  const cited = new Map<number, CitedParagraph>();
  const sections = new Map<string, PublishedSection | null>();
  for (const c of d.citedBy) {
    if (!sections.has(c.sectionId)) {
      const item = await agendaItemRow(db, c.agendaItemId);
      const data =
        item?.number != null ? await getItemSection(db, item.year, item.number, c.lang) : undefined;
      sections.set(c.sectionId, data ? publishSection(data, { lang: c.lang }) : null);
    }
    const published = sections.get(c.sectionId) ?? null;
    const summary = published ? summaryBefore(published, c.number) : null;
    for (const p of c.paragraphs) {
      const entry = cited.get(p) ?? { paragraph: p, summaries: [] };
      if (summary)
        entry.summaries.push({ text: summary, lang: c.lang, footnote: c.number, sectionId: c.sectionId });
      cited.set(p, entry);
    }
  }

  const number = parsed.number!;
  const langCode = lang === 'zh' ? 'zho' : 'eng';
  const workUri = `/akn/un/statement/resolution/unsc/${date ?? `${parsed.year}`}/${number}`;
  const exprUri = `${workUri}/${langCode}@`;
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const root = doc.ele(AKN_NS, 'akomaNtoso');
  const st = root.ele('statement', { name: 'resolution', contains: 'originalVersion' });
  const meta = st.ele('meta');
  const id = meta.ele('identification', { source: '#council-record' });
  const work = id.ele('FRBRWork');
  work.ele('FRBRthis', { value: `${workUri}/!main` });
  work.ele('FRBRuri', { value: workUri });
  work.ele('FRBRalias', { name: 'UN symbol', value: parsed.text });
  if (date) work.ele('FRBRdate', { date, name: 'adoption' });
  work.ele('FRBRauthor', { href: '#unsc', as: '#author' });
  work.ele('FRBRcountry', { value: 'un' });
  work.ele('FRBRnumber', { value: String(number) });
  work.ele('FRBRname', { value: 'resolution' });
  const expr = id.ele('FRBRExpression');
  expr.ele('FRBRthis', { value: `${exprUri}/!main` });
  expr.ele('FRBRuri', { value: exprUri });
  if (date) expr.ele('FRBRdate', { date, name: 'adoption' });
  expr.ele('FRBRauthor', { href: '#unsc', as: '#author' });
  expr.ele('FRBRlanguage', { language: langCode });
  const man = id.ele('FRBRManifestation');
  man.ele('FRBRthis', { value: `${exprUri}/!main.xml` });
  man.ele('FRBRuri', { value: `${exprUri}.akn` });
  if (date) man.ele('FRBRdate', { date, name: 'adoption' });
  man.ele('FRBRauthor', { href: '#council-record', as: '#editor' });

  if (date) {
    meta.ele('lifecycle', { source: '#council-record' }).ele('eventRef', {
      eId: 'evt_adoption',
      date,
      source: '#original',
      type: 'generation',
      refersTo: '#adoption',
    });
    const step = meta.ele('workflow', { source: '#council-record' }).ele('step', {
      eId: 'step_vote',
      date,
      by: '#unsc',
      refersTo: d.modality ? `#${d.modality}` : '#adoption',
    });
    if (d.adopted !== null) step.att('outcome', d.adopted ? '#adopted' : '#notAdopted');
    if (d.votes.for !== null) {
      const counts = [
        ['qty_for', '#votesFor', d.votes.for],
        ['qty_against', '#votesAgainst', d.votes.against ?? 0],
        ['qty_abstaining', '#votesAbstaining', d.votes.abstaining ?? 0],
      ] as const;
      for (const [eId, refersTo, n] of counts) {
        step.ele('quantity', { eId, refersTo, normalized: String(n) }).txt(String(n));
      }
    }
  }

  const refs = meta.ele('references', { source: '#council-record' });
  refs.ele('original', { eId: 'original', href: `https://undocs.org/${parsed.text}`, showAs: parsed.text });
  if (d.writtenProcedureLetter) {
    refs.ele('TLCReference', {
      eId: 'writtenProcedure',
      href: `https://undocs.org/${d.writtenProcedureLetter}`,
      name: 'writtenProcedureLetter',
      showAs: d.writtenProcedureLetter,
    });
  }
  refs.ele('TLCOrganization', {
    eId: 'unsc',
    href: '/akn/ontology/organizations/un/unsc',
    showAs: 'Security Council',
  });
  refs.ele('TLCOrganization', {
    eId: 'council-record',
    href: '/akn/ontology/organizations/council-record',
    showAs: 'council-record',
  });
  refs.ele('TLCRole', { eId: 'author', href: '/akn/ontology/roles/author', showAs: 'Author' });
  refs.ele('TLCRole', { eId: 'editor', href: '/akn/ontology/roles/editor', showAs: 'Editor' });
  refs.ele('TLCConcept', {
    eId: 'repertoire',
    href: '/akn/ontology/concepts/un/repertoire',
    showAs: 'Repertoire of the Practice of the Security Council',
  });

  const paragraphs = [...cited.values()].sort((a, b) => a.paragraph - b.paragraph);
  if (paragraphs.some((p) => p.summaries.length > 0)) {
    const notes = meta.ele('notes', { source: '#council-record' });
    for (const p of paragraphs) {
      p.summaries.forEach((s, i) => {
        notes
          .ele('note', {
            eId: `note_para_${p.paragraph}_${i + 1}`,
            class: 'repertoireSummary',
            refersTo: '#repertoire',
          })
          .ele('p', { 'xml:lang': s.lang === 'zh' ? 'zh' : 'en' })
          .txt(
            `${s.text} (Repertoire ${s.sectionId}, footnote ${s.footnote}; a summary, not the resolution's text)`,
          );
      });
    }
  }
  const prop = meta.ele('proprietary', { source: '#council-record' });
  prop.ele(CR_NS, 'cr:textKnown').txt('false');
  prop
    .ele(CR_NS, 'cr:note')
    .txt(
      'council-record holds this resolution’s metadata and the operative paragraphs the Repertoire cites, not its text. ' +
        'Paragraph bodies are omitted (status="omissis"); notes carry the Repertoire’s summaries.',
    );

  const preface = st.ele('preface');
  preface.ele('p', { class: 'docNumber' }).ele('docNumber').txt(parsed.text);
  if (date) preface.ele('p', { class: 'docDate' }).ele('docDate', { date }).txt(repertoireDate(date, lang));
  preface
    .ele('p', { class: 'docStatus' })
    .ele('docStatus')
    .txt(d.adopted === false ? 'not adopted' : 'adopted');

  const body = st.ele('mainBody');
  if (paragraphs.length === 0) {
    body.ele('p', { status: 'omissis' }).txt('The text of this resolution is not held in the record.');
  }
  for (const p of paragraphs) {
    const para = body.ele('paragraph', { eId: `para_${p.paragraph}`, status: 'omissis' });
    para.ele('num').txt(`${p.paragraph}.`);
    const content = para.ele('content').ele('p');
    if (p.summaries.length === 0) content.txt('');
    p.summaries.forEach((_, i) =>
      content.ele('noteRef', { href: `#note_para_${p.paragraph}_${i + 1}`, marker: String(i + 1) }),
    );
  }
  return doc.end({ prettyPrint: true });
}
