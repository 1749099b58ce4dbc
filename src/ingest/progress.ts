import cliProgress from 'cli-progress';

/**
 * Progress of a long import. A bar goes to stderr only when stderr is a terminal (or COUNCIL_PROGRESS=1),
 * so stdout stays clean for JSON and logs/CI get a few plain lines instead of redraw noise.
 */
export interface Progress {
  /** Starts a stage; total is null when the size is not known in advance (a streamed CSV). */
  start(label: string, total: number | null): void;
  tick(n?: number): void;
  stop(): void;
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  /** Force a bar (true), plain lines (false), or no output at all ('silent'). */
  mode?: boolean | 'silent';
}

function wantsBar(stream: NodeJS.WriteStream): boolean {
  return process.env.COUNCIL_PROGRESS === '1' || stream.isTTY === true;
}

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.mode === 'silent') return { start() {}, tick() {}, stop() {} };
  if (options.mode ?? wantsBar(stream)) return barProgress(stream);
  return lineProgress(stream);
}

function barProgress(stream: NodeJS.WriteStream): Progress {
  let bar: cliProgress.SingleBar | undefined;
  let count = 0;
  return {
    start(label, total) {
      bar?.stop();
      count = 0;
      bar = new cliProgress.SingleBar(
        {
          stream,
          format: total === null ? `${label} {value} rows` : `${label} [{bar}] {value}/{total}`,
          hideCursor: true,
          // COUNCIL_PROGRESS=1 asks for the bar even when stderr is not a terminal.
          noTTYOutput: true,
          notTTYSchedule: 1000,
          clearOnComplete: false,
          // A redraw per row of a 41,000-row file would cost more than the import.
          fps: 10,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total ?? 0, 0);
    },
    tick(n = 1) {
      count += n;
      bar?.update(count);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

/** Without a terminal: one line when a stage starts, one every 10,000 items, one when it ends. */
function lineProgress(stream: NodeJS.WriteStream): Progress {
  let label = '';
  let count = 0;
  let total: number | null = null;
  let open = false;
  return {
    start(l, t) {
      label = l;
      total = t;
      count = 0;
      open = true;
      stream.write(`${label}: started${total === null ? '' : ` (${total})`}\n`);
    },
    tick(n = 1) {
      const before = Math.floor(count / 10_000);
      count += n;
      if (Math.floor(count / 10_000) > before)
        stream.write(`${label}: ${count}${total === null ? '' : `/${total}`}\n`);
    },
    stop() {
      if (!open) return;
      open = false;
      stream.write(`${label}: done (${count})\n`);
    },
  };
}
