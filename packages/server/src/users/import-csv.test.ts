import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUserCsv } from './import-csv.js';
import { DEFECT_FIELD, fileArb } from './import-fixtures.js';

describe('parseUserCsv (MC-4)', () => {
  it('reads quoted commas, line breaks in quotes, a BOM and German headers', () => {
    const ok = parseUserCsv(
      '\uFEFFÜbergeordnetes Team,Team,Benutzer-ID,Vorname,Nachname,Passwort,Anzeigename,Zusatzfeld\n' +
        'Field,"Heating, North",ADA@Example.com,"Ada ""the first""",Lovelace,long-enough-pw,,"two\nlines"\n' +
        'Field,Heating,bob@example.com,Bob,,long-enough-pw,Bobby,\n',
    );
    expect(ok.errors).toEqual([]);
    expect(ok.rows).toMatchObject([
      {
        line: 2,
        team: 'Heating, North',
        email: 'ada@example.com',
        firstName: 'Ada "the first"',
        customField: 'two\nlines',
      },
      { line: 4, email: 'bob@example.com', screenName: 'Bobby' },
    ]);
  });

  it('names missing and unknown columns on line 1', () => {
    const { errors } = parseUserCsv('team,user id,colour\nA,a@b.test,red\n');
    expect(errors).toEqual(
      expect.arrayContaining([
        { line: 1, field: 'header', message: 'Unknown column "colour".' },
        { line: 1, field: 'header', message: 'Missing column password.' },
      ]),
    );
  });

  it('reports an unclosed quote with its line', () => {
    const { errors } = parseUserCsv('team,user id,password\nA,"a@b.test,long-enough-pw\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.field).toBe('file');
  });

  it('property: every bad row is named with the line it starts on and the field at fault; good rows pass', () => {
    fc.assert(
      fc.property(
        fileArb(25, ['none', 'none', 'email', 'password', 'team', 'columns', 'duplicate']),
        (file) => {
          const { rows, errors } = parseUserCsv(file.text);
          const bad = file.rows.flatMap((r, i) =>
            r.defect === 'none' ? [] : [{ line: file.lines[i]!, defect: r.defect }],
          );
          expect([...new Set(errors.map((e) => e.line))].sort((a, b) => a - b)).toEqual(
            bad.map((b) => b.line),
          );
          for (const b of bad) {
            const fields = errors.filter((e) => e.line === b.line).map((e) => e.field);
            expect(fields).toContain(DEFECT_FIELD[b.defect as Exclude<typeof b.defect, 'none'>]);
          }
          expect(rows.map((r) => r.line)).toEqual(
            file.rows.flatMap((r, i) => (r.defect === 'none' ? [file.lines[i]!] : [])),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
