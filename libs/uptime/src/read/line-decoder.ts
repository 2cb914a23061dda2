import type { LogAdapter } from '../adapters/observation';
import { HALTED, RUNNING, STOPPING, type Timeline } from '../analyze/timeline';
import { scanHeartbeat, type HeartbeatFields } from './fast-heartbeat';
import { HeartbeatTemplate } from './heartbeat-template';

const LF = 10;
const CR = 13;
const STATE_CODE = { RUNNING, HALTED, STOPPING } as const;

/**
 * Turns bytes into timeline calls, line by line. Complete lines are consumed; a partial last line is left
 * for the next chunk. Blank lines are ignored; lines the adapter cannot read are counted as malformed.
 */
export class LineDecoder {
  read = 0;
  malformed = 0;
  private readonly scratch: HeartbeatFields = {
    at: 0,
    pid: 0,
    state: 0,
    canonical: false,
    session: 0,
    sessionStart: 0,
    sessionEnd: 0,
    seqStart: 0,
    seqEnd: 0,
    equityStart: 0,
    equityEnd: 0,
  };
  private readonly template = new HeartbeatTemplate();
  /** Id of the only session analyzed, or -1 for all. */
  private readonly only: number;

  constructor(
    private readonly timeline: Timeline,
    private readonly adapter: LogAdapter,
    session?: string,
  ) {
    this.only = session === undefined ? -1 : timeline.sessionId(session);
  }

  /** Decodes the complete lines of b[start, end); returns where the unfinished last line starts. */
  lines(b: Buffer, start: number, end: number): number {
    const view = b.subarray(0, end);
    const fast = this.adapter.jsonHeartbeats;
    const hb = this.scratch;
    const timeline = this.timeline;
    const template = this.template;
    const dv = new DataView(b.buffer, b.byteOffset, end);
    let pos = start;
    while (pos < end) {
      if (fast && b[pos] === 0x7b) {
        let j = template.match(b, dv, pos, end, hb);
        if (j < 0) {
          j = scanHeartbeat(b, pos, end, hb);
          if (j > 0) {
            // Session names are ASCII here (the scan refuses anything else), so latin1 is exact.
            hb.session = timeline.sessionId(b.toString('latin1', hb.sessionStart, hb.sessionEnd));
            template.learn(b, pos, hb);
          }
        }
        if (j > 0 && j < end) {
          const c = b[j];
          if (c === LF || (c === CR && j + 1 < end && b[j + 1] === LF)) {
            this.read++;
            if (this.only < 0 || hb.session === this.only) timeline.heartbeat(hb.at, hb.pid, hb.state, hb.session);
            pos = c === LF ? j + 1 : j + 2;
            continue;
          }
        }
      }
      const nl = view.indexOf(LF, pos);
      if (nl < 0) break;
      this.slow(b, pos, nl);
      pos = nl + 1;
    }
    return pos;
  }

  /** The last line of a file that has no newline after it (often a line cut off by a crash). */
  lastLine(b: Buffer, start: number, end: number): void {
    if (end > start) this.slow(b, start, end);
  }

  /** A line too long to hold: counted as malformed without reading it. */
  oversized(): void {
    this.read++;
    this.malformed++;
  }

  private slow(b: Buffer, start: number, end: number): void {
    let e = end;
    if (e > start && b[e - 1] === CR) e--;
    const line = b.toString('utf8', start, e);
    if (line.trim() === '') return;
    this.read++;
    const o = this.adapter.parseLine(line);
    if (o === undefined) {
      this.malformed++;
      return;
    }
    if (o === null) return;
    const t = this.timeline;
    const session = t.sessionId(o.session);
    if (this.only >= 0 && session !== this.only) return;
    switch (o.kind) {
      case 'heartbeat':
        t.heartbeat(o.at, o.pid, STATE_CODE[o.state], session);
        break;
      case 'start':
        t.sessionStart(o.at, o.pid, o.intervalMs, session);
        break;
      case 'stop':
        t.sessionStop(o.at, o.pid, session);
        break;
      case 'operation':
        t.operation(o.at);
        break;
      case 'error':
        t.error(o.at, o.errorType);
        break;
      case 'other':
        t.note(o.at);
        break;
    }
  }
}
