import fc from 'fast-check';

/** What is wrong with a generated import row, if anything. */
export type Defect = 'none' | 'email' | 'password' | 'team' | 'columns' | 'duplicate';

export interface GeneratedRow {
  defect: Defect;
  cells: string[];
}

export const HEADER = [
  'parent team',
  'team',
  'user id',
  'first name',
  'last name',
  'password',
  'screen name',
  'custom field',
];

/** One CSV field, quoted when it must be. */
export function field(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const text = fc.string({
  unit: fc.constantFrom('a', 'b', 'Ö', ' ', ',', '"', '\n', 'é', '-'),
  maxLength: 12,
});
const name = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'Ä', 'x'), minLength: 1, maxLength: 8 });

/** A row with an optional defect; `index` keeps emails unique. */
export function rowArb(index: number, defects: readonly Defect[]): fc.Arbitrary<GeneratedRow> {
  return fc
    .record({
      defect: fc.constantFrom(...defects),
      // A team named without a parent is the unique existing Heating; new teams always get a parent,
      // so no row turns another one ambiguous.
      placement: fc.constantFrom(
        ['', 'Heating'],
        ['Field', 'Heating'],
        ['Field', 'North'],
        ['Imported', 'South'],
      ),
      first: text,
      last: text,
      custom: text,
      screen: fc.oneof(fc.constant(''), name),
    })
    .map((r) => {
      let email = `user${index}@import.test`;
      let password = 'long-enough-pw';
      const [parent, placedTeam] = r.placement as [string, string];
      let team = placedTeam;
      if (r.defect === 'email') email = `user${index}-at-import.test`;
      if (r.defect === 'password') password = 'short';
      if (r.defect === 'team') team = '';
      if (r.defect === 'duplicate') email = 'user0@import.test';
      const cells = [parent, team, email, r.first, r.last, password, r.screen, r.custom];
      if (r.defect === 'columns') cells.pop();
      return { defect: r.defect, cells };
    });
}

/**
 * A file of rows (row 0 always valid, so `duplicate` has an original) with random blank lines; returns
 * the text and the line where each row starts.
 */
export function fileArb(maxRows: number, defects: readonly Defect[]) {
  return fc.integer({ min: 1, max: maxRows }).chain((n) =>
    fc
      .tuple(
        fc.tuple(...Array.from({ length: n }, (_, i) => rowArb(i, i === 0 ? ['none'] : defects))),
        fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        fc.boolean(),
      )
      .map(([rows, blanks, bom]) => {
        let textOut = (bom ? '\uFEFF' : '') + HEADER.join(',') + '\n';
        let line = 2;
        const lines: number[] = [];
        rows.forEach((row, i) => {
          if (blanks[i]) {
            textOut += '\n';
            line++;
          }
          const serialized = row.cells.map(field).join(',');
          lines.push(line);
          textOut += serialized + '\n';
          line += serialized.split('\n').length;
        });
        return { text: textOut, rows, lines };
      }),
  );
}

/** The field an importer must name for each defect. */
export const DEFECT_FIELD: Record<Exclude<Defect, 'none'>, string> = {
  email: 'email',
  password: 'password',
  team: 'team',
  columns: 'row',
  duplicate: 'email',
};
