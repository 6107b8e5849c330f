import { z } from '@hono/zod-openapi';
import { parse } from 'csv-parse/sync';
import { PASSWORD_MIN } from './schemas.js';

/** One problem of the file, named by the line where its row starts (1 = the header). */
export interface ImportError {
  line: number;
  field: string;
  message: string;
}

/** One valid row of the file. */
export interface ImportRow {
  line: number;
  parentTeam: string;
  team: string;
  email: string;
  firstName: string;
  lastName: string;
  password: string;
  screenName: string;
  customField: string;
}

type Field = Exclude<keyof ImportRow, 'line'>;

/** Header names per column, English and German, compared without case, spaces, `-` or `_`. */
const HEADERS: Record<Field, readonly string[]> = {
  parentTeam: ['parent team', 'parent', 'übergeordnetes team', 'elternteam', 'oberteam'],
  team: ['team'],
  email: ['user id', 'userid', 'email', 'e-mail', 'benutzer-id', 'benutzerkennung', 'benutzer'],
  firstName: ['first name', 'vorname'],
  lastName: ['last name', 'nachname'],
  password: ['password', 'passwort', 'kennwort'],
  screenName: ['screen name', 'display name', 'anzeigename', 'bildschirmname'],
  customField: ['custom field', 'benutzerdefiniertes feld', 'zusatzfeld'],
};
const REQUIRED: readonly Field[] = ['team', 'email', 'password'];
const LIMITS: Record<Field, number> = {
  parentTeam: 100,
  team: 100,
  email: 320,
  firstName: 100,
  lastName: 100,
  password: 1024,
  screenName: 100,
  customField: 500,
};
/** The most rows one file may carry. */
export const MAX_IMPORT_ROWS = 50_000;

const squash = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');
const BY_NAME = new Map<string, Field>(
  (Object.entries(HEADERS) as [Field, readonly string[]][]).flatMap(([field, names]) =>
    names.map((n) => [squash(n), field] as const),
  ),
);
const emailShape = z.email();

function mapHeader(header: readonly string[], errors: ImportError[]): (Field | undefined)[] {
  const columns = header.map((name) => BY_NAME.get(squash(name.trim())));
  header.forEach((name, i) => {
    if (columns[i] === undefined && name.trim() !== '') {
      errors.push({ line: 1, field: 'header', message: `Unknown column "${name.trim()}".` });
    }
    if (columns[i] !== undefined && columns.indexOf(columns[i]) !== i) {
      errors.push({ line: 1, field: 'header', message: `Column "${name.trim()}" appears twice.` });
    }
  });
  for (const field of REQUIRED) {
    if (!columns.includes(field))
      errors.push({ line: 1, field: 'header', message: `Missing column ${field}.` });
  }
  return columns;
}

function checkRow(row: ImportRow, errors: ImportError[]): void {
  const bad = (field: Field, message: string) => errors.push({ line: row.line, field, message });
  for (const field of Object.keys(LIMITS) as Field[]) {
    if (row[field].length > LIMITS[field]) bad(field, `At most ${LIMITS[field]} characters.`);
  }
  if (!row.team) bad('team', 'A team is required.');
  if (!row.email) bad('email', 'A user id (email) is required.');
  else if (!emailShape.safeParse(row.email).success) bad('email', 'Not a valid email address.');
  if (row.password.length < PASSWORD_MIN) bad('password', `At least ${PASSWORD_MIN} characters.`);
}

/**
 * Parses and checks a bulk-import file (MC-4): UTF-8 CSV with or without BOM, a header row naming
 * the columns (any order; English or German names), quoted fields with commas and line breaks.
 * Every problem is reported with the line where its row starts; a file with any error imports
 * nothing (the caller's rule). Emails are compared without case; a repeated email is an error.
 * @example
 * const { rows, errors } = parseUserCsv('team,user id,password\nField,ada@example.com,long-enough-1\n');
 */
export function parseUserCsv(text: string): { rows: ImportRow[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    return {
      rows: [],
      errors: [{ line: e.lines ?? 1, field: 'file', message: e.message ?? 'Not valid CSV.' }],
    };
  }
  if (records.length === 0)
    return { rows: [], errors: [{ line: 1, field: 'file', message: 'The file is empty.' }] };
  let previousEnd = 0;
  let previousEmpty = 0;
  const starts = records.map(({ info }) => {
    const start = previousEnd + 1 + (info.empty_lines - previousEmpty);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    return start;
  });
  const headerLine = starts[0]!;
  const columns = mapHeader(records[0]!.record, errors);
  for (const e of errors) e.line = headerLine;
  if (errors.length > 0) return { rows: [], errors };
  if (records.length - 1 > MAX_IMPORT_ROWS) {
    return {
      rows: [],
      errors: [{ line: headerLine, field: 'file', message: `At most ${MAX_IMPORT_ROWS} rows per file.` }],
    };
  }
  const rows: ImportRow[] = [];
  const firstLineOf = new Map<string, number>();
  records.slice(1).forEach(({ record }, index) => {
    const line = starts[index + 1]!;
    if (record.every((cell) => cell.trim() === '')) return;
    if (record.length !== columns.length) {
      errors.push({
        line,
        field: 'row',
        message: `Expected ${columns.length} fields, found ${record.length}.`,
      });
      return;
    }
    const row: ImportRow = {
      line,
      parentTeam: '',
      team: '',
      email: '',
      firstName: '',
      lastName: '',
      password: '',
      screenName: '',
      customField: '',
    };
    columns.forEach((field, i) => {
      if (field) row[field] = field === 'password' ? (record[i] ?? '') : (record[i] ?? '').trim();
    });
    row.email = row.email.toLowerCase();
    const before = errors.length;
    checkRow(row, errors);
    if (row.email) {
      const first = firstLineOf.get(row.email);
      if (first !== undefined) {
        errors.push({ line, field: 'email', message: `The same user id as line ${first}.` });
      } else firstLineOf.set(row.email, line);
    }
    if (errors.length === before) rows.push(row);
  });
  return { rows, errors };
}
