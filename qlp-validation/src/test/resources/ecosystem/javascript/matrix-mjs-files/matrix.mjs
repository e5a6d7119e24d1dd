export function multiply(a, b) {
  if (a[0].length !== b.length) {
    throw new Error(`cannot multiply ${a.length}x${a[0].length} by ${b.length}x${b[0].length}`);
  }
  return a.map((row) => b[0].map((_, j) => row.reduce((sum, value, k) => sum + value * b[k][j], 0)));
}

export function identity(n) {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}
