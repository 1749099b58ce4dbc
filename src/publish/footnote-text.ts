import { parseStateList } from '../domain/states.ts';
import type { SectionCitation } from '../store/queries/sections.ts';
import { decisionLabel, paragraphsLabel, stateList } from '../domain/labels.ts';
import type { Lang } from '../domain/vocabulary.ts';

/**
 * Footnotes the record can restate from its structured facts: a run of citations ("第 2518(2020)号决议，
 * 第 4 段。", "同上，第 5 段。", "见 S/2020/514。") or a list of states. A footnote is restated only when
 * rendering its facts back in its own language gives its stored text, so nothing it says is lost.
 */

function citationText(c: SectionCitation, previousSymbol: string | null, lang: Lang): string {
  const ibid = previousSymbol === c.symbol;
  const isResolution = /^S\/RES\//.test(c.symbol);
  if (lang === 'zh') {
    if (c.paragraphs.length > 0) {
      return `${ibid ? '同上' : decisionLabel(c.symbol, 'zh')}，${paragraphsLabel(c.paragraphs, 'zh')}。`;
    }
    if (ibid) return '同上。';
    return isResolution ? `${decisionLabel(c.symbol, 'zh')}。` : `见 ${c.symbol}。`;
  }
  if (c.paragraphs.length > 0) {
    return `${ibid ? 'Ibid.' : decisionLabel(c.symbol, 'en')}, ${paragraphsLabel(c.paragraphs, 'en')}.`;
  }
  if (ibid) return 'Ibid.';
  return isResolution ? `${decisionLabel(c.symbol, 'en')}.` : `See ${c.symbol}.`;
}

/** The footnote written from its citations; the previous footnote's last citation decides "ibid.". */
export function citationsText(
  citations: SectionCitation[],
  previousSymbol: string | null,
  lang: Lang,
): string {
  let prev = previousSymbol;
  const parts: string[] = [];
  for (const c of citations) {
    parts.push(citationText(c, prev, lang));
    prev = c.symbol;
  }
  return parts.join(lang === 'zh' ? '' : ' ');
}

/** Spacing and punctuation width differ between editions of the same text; compare without them. */
export function comparable(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[，,]/g, ',')
    .replace(/[。．.]/g, '.')
    .replace(/[（(]/g, '(')
    .replace(/[）)]/g, ')')
    .replace(/[；;]/g, ';');
}

/**
 * `explicit`: the source names the document even where "ibid." would do (the Repertoire does so after a
 * footnote that says more than its citation), so a restatement does the same.
 */
export type Restatable =
  { kind: 'citations'; explicit: boolean } | { kind: 'states'; states: string[] } | { kind: 'text' };

/** What a stored footnote consists of, judged against its stored text (in `lang`). */
export function classifyFootnote(
  text: string,
  lang: Lang,
  citations: SectionCitation[],
  previousSymbol: string | null,
): Restatable {
  if (citations.length > 0) {
    const stored = comparable(text);
    if (comparable(citationsText(citations, previousSymbol, lang)) === stored)
      return { kind: 'citations', explicit: false };
    if (comparable(citationsText(citations, null, lang)) === stored)
      return { kind: 'citations', explicit: true };
  }
  if (citations.length === 0 && text.trim() !== '') {
    const list = parseStateList(text, lang);
    if (list.unknown.length === 0 && list.states.length > 0) return { kind: 'states', states: list.states };
  }
  return { kind: 'text' };
}

export function statesText(states: string[], lang: Lang): string {
  const list = stateList(states, lang);
  // A footnote is a sentence: "The Russian Federation, South Africa and Sri Lanka."
  return lang === 'zh' ? `${list}。` : `${list.charAt(0).toUpperCase()}${list.slice(1)}.`;
}
