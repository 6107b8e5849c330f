/**
 * Median of the first `n` values of `values`, found in place with quickselect (O(n), no allocation;
 * the order of `values` is changed). Returns NaN for `n === 0`; for even `n` the upper median.
 *
 * @example
 * medianInPlace(Float32Array.of(5, 1, 3), 3); // 3
 */
export function medianInPlace(values: Float32Array, n: number): number {
  if (n <= 0) return Number.NaN;
  const k = n >> 1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k]!;
}
