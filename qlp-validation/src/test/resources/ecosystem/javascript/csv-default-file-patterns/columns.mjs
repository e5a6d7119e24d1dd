export function column(rows, index) {
  return rows.map((row) => row[index]);
}
