import { tableSource } from '../common/tables.ts';
import { meetingTables } from './index.ts';

export const source = tableSource({
  kind: 'dhl',
  summary:
    'UN Library meeting tables (../shared/data/dhl-tables/*.html, 1946-2022; the veto table too), in one transaction',
  table: meetingTables,
});
