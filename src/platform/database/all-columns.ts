/**
 * Every column of a table, checked at compile time: a column added to the table's interface and not
 * listed fails the type check, so a row read through JSON, or written by PreparedRows, is whole.
 */
export function allColumns<Row>() {
  return <const Columns extends readonly (keyof Row & string)[]>(
    ...columns: Columns &
      (Exclude<keyof Row, Columns[number]> extends never ? unknown : { missing: Exclude<keyof Row, Columns[number]> })
  ): Columns => columns;
}
