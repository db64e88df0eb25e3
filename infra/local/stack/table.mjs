/** Prints rows (objects) as an aligned plain-text table with the given columns. */
export function printTable(columns, rows) {
  const cells = rows.map((row) => columns.map((column) => String(row[column] ?? '')));
  const widths = columns.map((column, index) => Math.max(column.length, ...cells.map((line) => line[index].length)));
  const format = (line) => line.map((cell, index) => cell.padEnd(widths[index])).join('  ').trimEnd();
  console.log(format(columns));
  console.log(format(widths.map((width) => '-'.repeat(width))));
  for (const line of cells) console.log(format(line));
}
