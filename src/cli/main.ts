import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { loadModules } from '../lib/load-modules.ts';
import { CliError } from './errors.ts';

const COMMANDS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'commands');

/** A command module: commands/<name>.ts exports register(program). */
interface CommandModule {
  register(program: Command): void | Promise<void>;
}

export async function buildProgram(): Promise<Command> {
  const program = new Command('council')
    .description(
      'council-record: the open, structured record of the practice of the UN Security Council.\n' +
        'Database: SQLite at ./data/council.db (COUNCIL_DB), or PostgreSQL when DATABASE_URL is set.',
    )
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  // Each capability adds its commands as one file in commands/, so none has to edit this one.
  for (const { module } of await loadModules<CommandModule>(COMMANDS_DIR)) await module.register(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here with code 0.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof CliError) {
      process.stderr.write(`council: error: ${e.message}\n`);
      return e.exitCode;
    }
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`council: error: ${message}\n`);
    if (process.env.COUNCIL_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return 1;
  }
}
