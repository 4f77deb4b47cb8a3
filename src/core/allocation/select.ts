/**
 * Choosing which rows get the extra unit: the k largest remainders, ties to the earlier row, in
 * O(n). Approximate keys (each within a proven bound E of the exact one) decide almost every row;
 * only rows too close to the cut-off are ranked by their exact BigInt keys.
 */
import { BUCKETS, i32, Slot } from "./common";


function kthSmallest(a: Float64Array, k: number): number {
  // Wirth's selection (Hoare partition): O(n) expected, and equal keys split evenly, so a
  // column of identical remainders does not degrade it.
  let l = 0;
  let r = a.length - 1;
  while (l < r) {
    const m = (l + r) >> 1;
    const x0 = a[l];
    const x1 = a[m];
    const x2 = a[r];
    const x = x0 < x1 ? (x1 < x2 ? x1 : x0 < x2 ? x2 : x0) : x0 < x2 ? x0 : x1 < x2 ? x2 : x1;
    let i = l;
    let j = r;
    do {
      while (a[i] < x) i++;
      while (x < a[j]) j--;
      if (i <= j) {
        const tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) l = i;
    if (k < i) r = j;
  }
  return a[k];
}

/**
 * How selectTop decides among rows whose approximate keys are too close: rows of the same class
 * and the same weight have the same exact key, so the BigInt key is computed once per group.
 */
export interface ExactRank {
  /** The weight of row i (rows with equal weight and class share their exact key). */
  readonly weight: Float64Array;
  /** 0 or 1 per row, or null when all rows are of one class. */
  readonly cls: Uint8Array | null;
  /** The exact key of row i, a numerator over a denominator common to all rows. */
  readonly key: (i: number) => bigint;
}

/**
 * Among `rows` (ascending indices), marks the `need` best by exact key (descending), ties to the
 * earlier row, in O(rows + groups log groups).
 */
function pickExact(rows: Int32Array, need: number, rank: ExactRank, out: Uint8Array): void {
  if (need <= 0) return;
  if (need >= rows.length) {
    for (let t = 0; t < rows.length; t++) out[rows[t]] = 1;
    return;
  }
  const groupOf = [new Map<number, number>(), new Map<number, number>()];
  const groupKeys: bigint[] = [];
  const ids = new Int32Array(rows.length);
  let lastW = NaN;
  let lastC = -1;
  let lastId = -1;
  for (let t = 0; t < rows.length; t++) {
    const i = rows[t];
    const w = rank.weight[i];
    const c = rank.cls === null ? 0 : rank.cls[i];
    if (w !== lastW || c !== lastC) {
      let id = groupOf[c].get(w);
      if (id === undefined) {
        id = groupKeys.length;
        groupKeys.push(rank.key(i));
        groupOf[c].set(w, id);
      }
      lastW = w;
      lastC = c;
      lastId = id;
    }
    ids[t] = lastId;
  }
  // Groups in descending key order; different groups with equal keys share a rank.
  const order = groupKeys.map((_, id) => id);
  order.sort((x, y) => (groupKeys[x] > groupKeys[y] ? -1 : groupKeys[x] < groupKeys[y] ? 1 : 0));
  const rankOf = new Int32Array(groupKeys.length);
  let r = 0;
  for (let t = 0; t < order.length; t++) {
    if (t > 0 && groupKeys[order[t]] !== groupKeys[order[t - 1]]) r++;
    rankOf[order[t]] = r;
  }
  const perRank = new Int32Array(r + 1);
  for (let t = 0; t < rows.length; t++) perRank[rankOf[ids[t]]]++;
  let cut = 0;
  let before = 0;
  while (before + perRank[cut] < need) before += perRank[cut++];
  let take = need - before;
  for (let t = 0; t < rows.length; t++) {
    const rk = rankOf[ids[t]];
    if (rk < cut || (rk === cut && take-- > 0)) out[rows[t]] = 1;
  }
}

/**
 * Marks in `out` the k rows with the largest exact keys, ties to the earlier row, in O(n):
 * histogram of the approximate keys (each within E of exact, all in [lo, lo + span]) to find the
 * bucket of the cut-off, selection inside it, and exact BigInt keys only for rows within 2E of
 * the cut-off value. `counts` may hold the histogram already.
 */
export function selectTop(
  keys: Float64Array,
  k: number,
  E: number,
  lo: number,
  span: number,
  exact: ExactRank,
  out: Uint8Array,
  counts?: Int32Array,
): void {
  const n = keys.length;
  if (k <= 0) return;
  if (k >= n) {
    out.fill(1);
    return;
  }
  const perBucket = BUCKETS / span;
  let hist = counts;
  if (hist === undefined) {
    hist = i32(Slot.Histogram, BUCKETS);
    hist.fill(0);
    for (let i = 0; i < n; i++) {
      const b = Math.floor((keys[i] - lo) * perBucket);
      hist[b < 0 ? 0 : b >= BUCKETS ? BUCKETS - 1 : b]++;
    }
  }
  let j = BUCKETS - 1;
  let above = 0;
  for (; j > 0; j--) {
    if (above + hist[j] >= k) break;
    above += hist[j];
  }
  // The margin also covers rounding in the bucket arithmetic.
  const margin = 2 * E + 1e-12;
  const hiCut = j === BUCKETS - 1 ? Infinity : lo + (j + 1) / perBucket + margin;
  const loCut = j === 0 ? -Infinity : lo + j / perBucket - margin;
  const cand = i32(Slot.Candidates, n);
  let nc = 0;
  let need = k;
  let minV = Infinity;
  let maxV = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = keys[i];
    if (v >= hiCut) {
      out[i] = 1;
      need--;
    } else if (v >= loCut) {
      cand[nc++] = i;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
  }
  // Mass ties (e.g. equal populations): every candidate is near the cut-off, decide them at once.
  if (maxV - minV <= margin) return pickExact(cand.subarray(0, nc), need, exact, out);
  const vals = new Float64Array(nc);
  for (let t = 0; t < nc; t++) vals[t] = keys[cand[t]];
  // The need-th largest approximate key among the candidates is the global k-th largest.
  const v = kthSmallest(vals, nc - need);
  let nn = 0;
  for (let t = 0; t < nc; t++) {
    const i = cand[t];
    const key = keys[i];
    if (key > v + margin) {
      out[i] = 1;
      need--;
    } else if (key >= v - margin) cand[nn++] = i; // in place: nn <= t
  }
  const near = cand.subarray(0, nn);
  pickExact(near, need, exact, out);
}

