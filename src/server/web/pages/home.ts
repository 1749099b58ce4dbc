import type { Store } from '../../../store/db.ts';
import { html } from '../html.ts';
import type { LabelKey } from '../i18n/en.ts';
import { page } from '../layout.ts';
import { decisionLink, fmtDate, formatBadge, recordText, tally, urls, type View } from '../format.ts';
import { countsByYear, itemsWithSections, recentDecisions, recentVtcs } from '../queries.ts';

const FORMATS = ['formal_public', 'formal_private', 'open_vtc', 'closed_vtc', 'informal'] as const;
const KINDS = ['resolution', 'presidential_statement', 'press_statement', 'draft_not_adopted', 'other'] as const;

export async function homePage(store: Store, v: View): Promise<string> {
  const [counts, decisions, vtcs, sections] = await Promise.all([
    countsByYear(store),
    recentDecisions(store, 8),
    recentVtcs(store, 8),
    itemsWithSections(store),
  ]);
  const years = [...new Set([...counts.meetings.map((r) => r.year), ...counts.decisions.map((r) => r.year)])]
    .filter((y) => y !== '')
    .sort();
  const m = (year: string, format: string) => counts.meetings.find((r) => r.year === year && r.format === format)?.n ?? 0;
  const d = (year: string, kind: string) => counts.decisions.find((r) => r.year === year && r.kind === kind)?.n ?? 0;
  const usedFormats = FORMATS.filter((f) => counts.meetings.some((r) => r.format === f));
  const usedKinds = KINDS.filter((k) => counts.decisions.some((r) => r.kind === k));

  const body = html`<h1>${v.t('home.title')}</h1>
<p class="lede">${v.t('home.lede')}</p>
${
  sections.length > 0
    ? html`<section aria-labelledby="sections-h">
<h2 id="sections-h">${v.t('home.sections')}</h2>
<ul class="plain">${sections.map(
        (i) => html`<li><a href="${urls.item(i.id)}">${i.number !== null ? `${i.number}. ` : ''}${recordText(v, i.title_zh, i.title_en)} (${i.year})</a> <span class="muted">${i.langs
          .split(',')
          .map((l) => v.t(l === 'zh' ? 'lang.zh' : 'lang.en'))
          .join(' · ')}</span></li>`,
      )}</ul>
</section>`
    : html``
}
${
  years.length === 0
    ? html`<p class="empty">${v.t('home.empty')}</p>`
    : html`<section aria-labelledby="counts-h">
<h2 id="counts-h">${v.t('home.counts')}</h2>
<div class="scroll"><table class="counts">
<caption>${v.t('home.countsCaption')}</caption>
<thead><tr><th scope="col">${v.t('common.year')}</th>
${usedFormats.map((f) => html`<th scope="col">${v.t(`format.${f}` as LabelKey)}</th>`)}
${usedKinds.map((k) => html`<th scope="col">${v.t(`kind.${k}` as LabelKey)}</th>`)}
</tr></thead>
<tbody>${years.map(
        (y) => html`<tr><th scope="row"><a href="${urls.search({ year: y })}">${y}</a></th>
${usedFormats.map((f) => html`<td><a href="${urls.search({ year: y, format: f })}">${m(y, f)}</a></td>`)}
${usedKinds.map((k) => html`<td><a href="${urls.search({ year: y, kind: k, type: 'decisions' })}">${d(y, k)}</a></td>`)}
</tr>`,
      )}</tbody></table></div>
</section>`
}
<div class="columns">
<section aria-labelledby="recent-d-h">
<h2 id="recent-d-h">${v.t('home.recentDecisions')}</h2>
${
  decisions.length === 0
    ? html`<p class="empty">${v.t('common.none')}</p>`
    : html`<ul class="plain">${decisions.map(
        (dd) =>
          html`<li>${decisionLink(v, dd)} <span class="muted">${fmtDate(dd.date, v.lang)}${tally(dd) ? html` · ${tally(dd)}` : html``}</span></li>`,
      )}</ul>`
}
</section>
<section aria-labelledby="recent-v-h">
<h2 id="recent-v-h">${v.t('home.recentVtcs')}</h2>
${
  vtcs.length === 0
    ? html`<p class="empty">${v.t('common.none')}</p>`
    : html`<ul class="plain">${vtcs.map(
        (mm) =>
          html`<li><a href="${urls.meeting(mm.id)}">${fmtDate(mm.date, v.lang)}</a> ${formatBadge(v, mm.format)} <span class="muted">${mm.record_symbol ?? ''}</span><br><span class="small">${recordText(v, mm.title_zh, mm.title_en)}</span></li>`,
      )}</ul>`
}
</section>
</div>`;
  return page(v, { title: v.t('home.title'), body, alternates: [{ href: '/api', type: 'application/json', title: 'JSON' }] });
}
