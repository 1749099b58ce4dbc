import { tableSource } from '../common/tables.ts';
import { vetoLists } from './index.ts';

export const source = tableSource({
  kind: 'vetoes',
  summary: 'veto lists: the CSV (../shared/data/vetoes/*.csv) and/or the UN Library veto table',
  table: vetoLists,
});
