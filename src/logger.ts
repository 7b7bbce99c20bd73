import pino from 'pino';

/** How a process logs: a line function for everything, and (LOG_FORMAT=json) one structured entry per request. */
export interface ProcessLog {
  log: (line: string) => void;
  requestLog?: (entry: Record<string, unknown>) => void;
}

/**
 * LOG_FORMAT=text: plain lines on stderr. LOG_FORMAT=json: pino's JSON lines on stderr, each with the process's role
 * (api or worker) and pid; requests carry their id, which the worker's lines for the job they queued carry too.
 */
export function createProcessLog(format: 'text' | 'json', role: 'api' | 'worker'): ProcessLog {
  if (format === 'text') return { log: (line) => process.stderr.write(`${line}\n`) };
  const logger = pino({ base: { role, pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ dest: 2, sync: true }));
  return {
    log: (line) => logger.info(line),
    requestLog: (entry) => logger.info(entry, 'request'),
  };
}
