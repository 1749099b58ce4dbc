import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT_DIR } from '../../src/config/paths.ts';

export const COUNCIL_BIN = join(ROOT_DIR, 'bin/council.mjs');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `council` command, as a user would, with extra environment and optional stdin. */
export function council(args: string[], env: Record<string, string> = {}, input?: string): CliResult {
  const r = spawnSync(process.execPath, [COUNCIL_BIN, ...args], {
    cwd: ROOT_DIR,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    input,
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface RunningServer {
  url: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `council start` (or, with `viaNpm`, `npm start` as the README says) on a free port and resolves
 * with its URL once it prints that it is serving.
 */
export function startServer(
  env: Record<string, string>,
  args: string[] = [],
  { viaNpm = false }: { viaNpm?: boolean } = {},
): Promise<RunningServer> {
  const [command, argv] = viaNpm
    ? ['npm', ['start', '--', ...args]]
    : [process.execPath, [COUNCIL_BIN, 'start', ...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, {
      // Under npm the server is a grandchild: its own process group lets a test end whatever is left.
      detached: viaNpm,
      cwd: ROOT_DIR,
      // One server process unless the test asks for more (COUNCIL_WORKERS or --workers).
      env: { ...process.env, LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1', COUNCIL_WORKERS: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within 120 s\n${out}\n${err}`));
    }, 120_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving at (http:\/\/[^\s/]+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          child,
          stop: (signal = 'SIGTERM') =>
            new Promise((done) => {
              // Our ends of the pipes are closed too: a grandchild left running must not keep this
              // process (and the test runner) waiting.
              const finish = () => {
                child.stdout!.destroy();
                child.stderr!.destroy();
                done();
              };
              if (child.exitCode !== null || child.signalCode !== null) return finish();
              child.once('exit', finish);
              child.kill(signal);
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before serving\n${out}\n${err}`));
    });
  });
}
