/** Read queries shared by the web pages, the JSON API and the publishers. */
export * from './paging.ts';
export * from './filters.ts';
export * from './rows.ts';
export * from './provenance.ts';
export * from './citations.ts';
export * from './votes.ts';
export * from './meetings.ts';
export * from './decisions.ts';
export * from './items.ts';
export * from './sections.ts';
export * from './versions.ts';
export * from './briefers.ts';
export * from './states.ts';
