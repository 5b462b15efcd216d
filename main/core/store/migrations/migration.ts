import type Database from 'better-sqlite3';

export interface Migration {
  /** four digits, step 10 (architecture-examples.md §5) */
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}
