import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { DraftError, publishDraft } from '../../ingest/repertoire/drafts.ts';
import { indexChanges } from '../../search/indexer.ts';
import { listSectionVersions } from '../../store/queries/versions.ts';
import { printJson, withStore } from '../context.ts';
import { CliError } from '../errors.ts';
import { parseItemId } from '../options.ts';

export function register(program: Command): void {
  const section = program
    .command('section')
    .description(
      'versions of Repertoire sections: drafts checked with council ingest --draft, and publishing them',
    );
  section
    .command('publish')
    .description(
      'make a checked draft the published version of its section (the earlier version stays readable)',
    )
    .argument('<draft-id>', 'the draft, as council ingest --draft printed it (repertoire:2020:23:zh@v2)')
    .option('--json', 'print JSON')
    .action(async (draftId: string, opts: { json?: boolean }) => {
      const report = await withStore(async (store) => {
        try {
          // The units the draft changed are re-indexed in the publish's own transaction.
          return await publishDraft(store, draftId, `cli:${userInfo().username}`, indexChanges);
        } catch (e) {
          if (e instanceof DraftError) throw new CliError(e.message, 1);
          throw e;
        }
      });
      if (opts.json) printJson(report);
      else
        process.stdout.write(
          `${draftId}: published as the current version of ${report.sectionId} ` +
            `(insert ${report.total.insert}, update ${report.total.update}, noop ${report.total.noop})\n`,
        );
    });
  section
    .command('versions')
    .description('the versions of an agenda item’s sections: published, earlier (superseded) and drafts')
    .argument('<item>', 'the agenda item, as 2020-23')
    .option('--json', 'print JSON')
    .action(async (item: string, opts: { json?: boolean }) => {
      const versions = await withStore((store) => listSectionVersions(store.db, parseItemId(item)));
      if (opts.json) printJson(versions);
      else {
        if (versions.length === 0) throw new CliError(`no section versions of item ${item}`, 1);
        for (const v of versions)
          process.stdout.write(
            `${v.id}  ${v.status}  ${v.uri}  created ${v.createdAt}` +
              `${v.publishedAt ? `  published ${v.publishedAt}` : ''}` +
              `${v.publishedBy ? ` by ${v.publishedBy}` : ''}` +
              `${v.supersededAt ? `  superseded ${v.supersededAt}` : ''}  findings ${v.findings}\n`,
          );
      }
    });
}
