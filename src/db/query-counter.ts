import { AbstractLogger, LogLevel, LogMessage, QueryRunner } from 'typeorm';

/**
 * Counts the SQL statements the process sends (and optionally prints them). Tests use it to prove that a page of
 * customers with their orders costs a constant number of queries; `LOG_SQL=true` prints them while debugging.
 */
export class QueryCounter extends AbstractLogger {
  private count = 0;
  readonly statements: string[] = [];
  recording = false;

  constructor(private readonly print = false) {
    super('all');
  }

  override logQuery(query: string): void {
    this.count++;
    if (this.recording) this.statements.push(query);
    if (this.print) process.stderr.write(`[sql] ${query}\n`);
  }

  protected writeLog(_level: LogLevel, _message: LogMessage | LogMessage[], _queryRunner?: QueryRunner): void {
    // Only statements are counted; errors surface as exceptions.
  }

  /** Statements a worker thread of this process sent on a connection of its own: they count as this process's. */
  add(statements: number): void {
    this.count += statements;
  }

  get total(): number {
    return this.count;
  }

  /** Runs `fn` and returns how many statements it sent (and which, in `statements`). */
  async measure<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number; statements: string[] }> {
    const before = this.count;
    this.statements.length = 0;
    this.recording = true;
    try {
      const result = await fn();
      return { result, queries: this.count - before, statements: [...this.statements] };
    } finally {
      this.recording = false;
    }
  }
}
