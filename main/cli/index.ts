/** The `xdr-tail` command line: the same engine as the desktop app, headless. */
import { Command, CommanderError, Option } from 'commander';
import { SHAPES } from '../core/normalize/source-record.js';
import type { CommandIo, NormalizeCommandOptions } from './normalize-command.js';
import { runNormalize } from './normalize-command.js';
import type { ExportCommandOptions } from './export-command.js';
import { runExport } from './export-command.js';
import type { IngestCommandOptions } from './ingest-command.js';
import { runIngest } from './ingest-command.js';
import type { StatsCommandOptions } from './stats-command.js';
import { runStats } from './stats-command.js';
import type { FacetsCommandOptions, QueryCommandOptions } from './query-command.js';
import { runFacets, runQuery } from './query-command.js';
import { StoreOpenError } from './store-options.js';
import type { WatchCommandOptions } from './watch-command.js';
import { runWatch } from './watch-command.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './usage-error.js';

/** The options every storing command shares (ingest, watch). */
function addStoreOptions(command: Command): Command {
  return command
    .option('--db <file>', 'the SQLite database (created when missing)')
    .option('--customer-id <id>', 'customerId to stamp on every event')
    .option('--source-tz <zone>', 'IANA time zone for times exported without an offset (default: this machine\'s zone)')
    .option('--max-record-bytes <bytes>', 'records larger than this are quarantined (default 1048576)')
    .option('--retention-days <days>', 'keep events this many days (by event time); stored in the database, 0 removes the limit')
    .option('--retention-max-mb <mb>', 'keep the newest events within this many MiB; stored in the database, 0 removes the limit');
}

export async function main(argv: readonly string[], io: CommandIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let result: Promise<number> = Promise.resolve(EXIT_OK);
  const program = new Command('xdr-tail')
    .description('Normalize, store and search exported Windows event logs (Qualys Context XDR data model).')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showSuggestionAfterError(true);

  program
    .command('normalize')
    .description('print normalized events as JSONL on stdout; bad records go to stderr as file:byteOffset: reason')
    .argument('<file...>', 'exported event files (NDJSON or JSON arrays; UTF-8 or UTF-16 with BOM)')
    .addOption(new Option('--shape <shape>', 'export shape of every record instead of detecting it per record').choices(['auto', ...SHAPES]).default('auto'))
    .option('--customer-id <id>', 'customerId to stamp on every event')
    .option('--source-tz <zone>', 'IANA time zone for times exported without an offset (default: this machine\'s zone)')
    .option('--max-record-bytes <bytes>', 'records larger than this are reported, not parsed (default 1048576)')
    .action((files: string[], options: NormalizeCommandOptions) => {
      result = runNormalize(files, options, io);
    });

  addStoreOptions(program
    .command('ingest')
    .description('store the events of files and folders once, then print stored / duplicates / quarantined')
    .argument('<file-or-folder...>', 'export files, or folders whose .json/.jsonl/.ndjson files (also rotated: a.jsonl.1) are read'))
    .action((paths: string[], options: IngestCommandOptions) => {
      result = runIngest(paths, options, io);
    });

  addStoreOptions(program
    .command('watch')
    .description('tail folders until interrupted (SIGINT/SIGTERM); a second run resumes where the first stopped')
    .argument('<folder...>', 'folders whose .json/.jsonl/.ndjson files (also rotated: a.jsonl.1) are followed'))
    .option('--scan-interval <seconds>', 'how often every folder is listed again, whatever the watcher says (default 10)')
    .option('--poll', 'list the folders every 2 s instead of watching them (network shares; UNC paths and network file systems poll anyway)')
    .option('--final-line-settle <seconds>', 'a last line without a line end is taken once its file is unchanged this long (default 30)')
    .action((folders: string[], options: WatchCommandOptions) => {
      result = runWatch(folders, options, io);
    });

  program
    .command('query')
    .description('print the events matching a QQL query, newest first (or --count: their number)')
    .argument('<qql>', 'the query, e.g. "externalId:4625 AND sourceIpv4:10.0.0.0/8"')
    .option('--db <file>', 'the SQLite database')
    .option('--limit <n>', 'at most this many events (default 100)')
    .option('--count', 'print only the number of matching events')
    .option('--format <format>', 'jsonl (default), csv or table')
    .option('--fields <a,b>', 'only these tokens, in this order')
    .action((qql: string, options: QueryCommandOptions) => {
      result = runQuery(qql, options, io);
    });

  program
    .command('facets')
    .description('the top values of a token among the events matching a QQL query, as JSON')
    .argument('<token>', 'a token of the catalog, e.g. userName')
    .argument('<qql>', 'the query ("" for every event)')
    .option('--db <file>', 'the SQLite database')
    .option('--limit <n>', 'at most this many values (default 10)')
    .action((token: string, qql: string, options: FacetsCommandOptions) => {
      result = Promise.resolve().then(() => runFacets(token, qql, options, io));
    });

  program
    .command('export')
    .description('write the events matching a QQL query, oldest first, as batch files and a manifest.json')
    .argument('<qql>', 'the query ("" for every event)')
    .option('--db <file>', 'the SQLite database')
    .option('--out <folder>', 'the folder to write (created when missing; must be empty unless --force)')
    .option('--format <format>', 'jsonl (default), jsonl.gz or csv')
    .option('--batch-size <n>', 'at most this many events per file (default 10000)')
    .option('--fields <a,b>', 'only these tokens, in this order')
    .option('--customer-id <id>', 'customerId for the manifest (default: the one the events carry)')
    .option('--force', 'write into a non-empty folder, replacing the files of an earlier export there')
    .action((qql: string, options: ExportCommandOptions) => {
      result = runExport(qql, options, io);
    });

  program
    .command('stats')
    .description('counts per shape, channel and file, quarantine by reason and database size, as JSON')
    .option('--db <file>', 'the SQLite database')
    .action((options: StatsCommandOptions) => {
      result = Promise.resolve().then(() => runStats(options, io));
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return await result;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof StoreOpenError) {
      io.stderr.write(`xdr-tail: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`xdr-tail: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`xdr-tail: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}
