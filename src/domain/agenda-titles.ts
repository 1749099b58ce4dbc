/**
 * The Council's agenda items under their official titles in English and Chinese, as the Repertoire and the
 * UN Library's tables write them. A section read in one language gets its item's title in the other, and a
 * Library topic (English) finds the Repertoire section (Chinese) it belongs to. Only titles whose official
 * Chinese form is certain are listed; an unlisted title is simply not translated.
 */
const TITLES: [en: string, zh: string][] = [
  ['United Nations peacekeeping operations', '联合国维持和平行动'],
  ['Maintenance of international peace and security', '维护国际和平与安全'],
  ['The situation in the Middle East', '中东局势'],
  ['The situation in the Middle East, including the Palestinian question', '中东局势，包括巴勒斯坦问题'],
  ['The situation in Somalia', '索马里局势'],
  ['The situation in Afghanistan', '阿富汗局势'],
  ['The situation in Libya', '利比亚局势'],
  ['The situation concerning Iraq', '有关伊拉克的局势'],
  ['The situation in Mali', '马里局势'],
  ['The situation in the Central African Republic', '中非共和国局势'],
  ['The situation concerning the Democratic Republic of the Congo', '刚果民主共和国局势'],
  ['The question concerning Haiti', '海地问题'],
  ['The situation in Cyprus', '塞浦路斯局势'],
  ['Reports of the Secretary-General on the Sudan and South Sudan', '秘书长关于苏丹和南苏丹的报告'],
  ['Peace and security in Africa', '非洲和平与安全'],
  ['Children and armed conflict', '儿童与武装冲突'],
  ['Women and peace and security', '妇女与和平与安全'],
  ['Protection of civilians in armed conflict', '在武装冲突中保护平民'],
  ['Non-proliferation', '不扩散'],
];

function key(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s,，、.。]+/g, ' ')
    .trim();
}

const BY_KEY = new Map<string, { en: string; zh: string }>();
for (const [en, zh] of TITLES) {
  BY_KEY.set(key(en), { en, zh });
  BY_KEY.set(key(zh), { en, zh });
}

/** The official English and Chinese titles of an agenda item named in either language, when known. */
export function agendaTitles(title: string): { en: string; zh: string } | undefined {
  return BY_KEY.get(key(title));
}

/**
 * A title or topic as a key that finds it whatever its case, accents, punctuation and spacing: how a
 * UN Library topic is matched to an agenda item's English title, and how meetings without an item are
 * grouped by their topic.
 */
export function topicKey(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9\u4e00-\u9fff]+/g, ' ')
    .trim();
}
