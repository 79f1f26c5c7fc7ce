;; The loops of discretisation and the texture classes over the ROI voxels (see discretize.ts, neighbourhood.ts,
;; glrlm.ts, glszm.ts, gldm.ts, ngtdm.ts), as WebAssembly; the JavaScript side in texture-kernels.ts.
;; Why: run once per image, these JavaScript loops were partly interpreted or deoptimised at each extraction
;; (a cold extraction ran them interpreted first) and paid bounds checks; here they are compiled at import.
;; Bit-identical to the JavaScript they replace: counts and sums of integers are exact, and the float64
;; comparisons and arithmetic (binValues, accumulateNgtdm) are the same IEEE operations in the same order.
;; Voxel arrays hold one entry per ROI voxel v in `roiIndices` order; padded arrays are int32 over the padded
;; box of a PaddedGrid; `steps` are padded-index steps (int32, in voxels).
;; All pointers are byte offsets into the exported memory.
;; Build: `npm run build:wasm` writes texture-kernels.wasm.ts from this file.
(module
  (memory (export "memory") 1)

  ;; For v < nv: out[index[v]] = values[v] (the ROI levels into the padded box, zero elsewhere by the caller) and
  ;; rows[v] = map[values[v]] (the matrix row of each ROI voxel: map is int32 over the bins 0..ng).
  (func (export "scatter") (param $values i32) (param $index i32) (param $nv i32) (param $out i32) (param $map i32)
                           (param $rows i32)
    (local $end i32) (local $value i32)
    (local.set $end (i32.add (local.get $index) (i32.shl (local.get $nv) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $index) (local.get $end)))
        (local.set $value (i32.load (local.get $values)))
        (i32.store (i32.add (local.get $out) (i32.shl (i32.load (local.get $index)) (i32.const 2))) (local.get $value))
        (i32.store (local.get $rows) (i32.load (i32.add (local.get $map) (i32.shl (local.get $value) (i32.const 2)))))
        (local.set $index (i32.add (local.get $index) (i32.const 4)))
        (local.set $values (i32.add (local.get $values) (i32.const 4)))
        (local.set $rows (i32.add (local.get $rows) (i32.const 4)))
        (br $next))))

  ;; The ROI voxels (roiVoxelIndices in discretize.ts): indices (int32) := the crop indices i < length with
  ;; mask[i] != 0 (uint8), ascending. Returns their number.
  (func (export "maskIndices") (param $mask i32) (param $length i32) (param $indices i32) (result i32)
    (local $i i32) (local $count i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $length)))
        (i32.store (i32.add (local.get $indices) (i32.shl (local.get $count) (i32.const 2))) (local.get $i))
        (local.set $count (i32.add (local.get $count) (i32.ne (i32.load8_u (i32.add (local.get $mask) (local.get $i))) (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $count))

  ;; The ROI values (gatherValues in discretize.ts): for v < nv, values[v] = image[index[v]] (float64; index int32
  ;; crop indices) and range = [min, max] of them (float64 × 2, by < and > in voxel order). Returns the first v
  ;; whose value is NaN (range then incomplete), or −1.
  (func (export "gatherValues") (param $image i32) (param $index i32) (param $nv i32) (param $values i32) (param $range i32)
                                (result i32)
    (local $v i32) (local $value f64) (local $min f64) (local $max f64)
    (local.set $min (f64.const inf))
    (local.set $max (f64.const -inf))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $v) (local.get $nv)))
        (local.set $value (f64.load (i32.add (local.get $image)
          (i32.shl (i32.load (i32.add (local.get $index) (i32.shl (local.get $v) (i32.const 2)))) (i32.const 3)))))
        (if (f64.ne (local.get $value) (local.get $value)) (then (return (local.get $v))))
        (f64.store (i32.add (local.get $values) (i32.shl (local.get $v) (i32.const 3))) (local.get $value))
        (if (f64.lt (local.get $value) (local.get $min)) (then (local.set $min (local.get $value))))
        (if (f64.gt (local.get $value) (local.get $max)) (then (local.set $max (local.get $value))))
        (local.set $v (i32.add (local.get $v) (i32.const 1)))
        (br $next)))
    (f64.store (local.get $range) (local.get $min))
    (f64.store offset=8 (local.get $range) (local.get $max))
    (i32.const -1))

  ;; Discretisation (binValues in discretize.ts), numpy.digitize for increasing, near-uniform edges: for v < nv,
  ;; roiLevels[v] (int32) = the number of the `last` edges (float64) <= values[v] (float64), found from the guess
  ;; floor((value − first) / width) + 1 clamped to [0, last] by comparing with the edges themselves; present[bin]
  ;; (int8, last + 1 entries, zeroed by the caller) := 1. Returns the highest bin.
  (func (export "binValues") (param $values i32) (param $nv i32) (param $edges i32) (param $last i32) (param $first f64)
                             (param $width f64) (param $roiLevels i32) (param $present i32) (result i32)
    (local $end i32) (local $value f64) (local $guess f64) (local $bin i32) (local $ng i32)
    (local.set $end (i32.add (local.get $values) (i32.shl (local.get $nv) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $values) (local.get $end)))
        (local.set $value (f64.load (local.get $values)))
        (local.set $guess (f64.add (f64.floor (f64.div (f64.sub (local.get $value) (local.get $first)) (local.get $width))) (f64.const 1)))
        (if (f64.ge (local.get $guess) (f64.const 0))
          (then
            (if (f64.gt (local.get $guess) (f64.convert_i32_s (local.get $last)))
              (then (local.set $bin (local.get $last)))
              (else (local.set $bin (i32.trunc_f64_s (local.get $guess))))))
          (else (local.set $bin (i32.const 0)))) ;; below the first edge, or NaN
        (block $downDone
          (loop $down
            (br_if $downDone (i32.eqz (local.get $bin)))
            (br_if $downDone (i32.eqz (f64.gt (f64.load (i32.add (local.get $edges) (i32.shl (i32.sub (local.get $bin) (i32.const 1)) (i32.const 3))))
                                              (local.get $value))))
            (local.set $bin (i32.sub (local.get $bin) (i32.const 1)))
            (br $down)))
        (block $upDone
          (loop $up
            (br_if $upDone (i32.ge_s (local.get $bin) (local.get $last)))
            (br_if $upDone (i32.eqz (f64.le (f64.load (i32.add (local.get $edges) (i32.shl (local.get $bin) (i32.const 3))))
                                            (local.get $value))))
            (local.set $bin (i32.add (local.get $bin) (i32.const 1)))
            (br $up)))
        (i32.store (local.get $roiLevels) (local.get $bin))
        (i32.store8 (i32.add (local.get $present) (local.get $bin)) (i32.const 1))
        (if (i32.gt_s (local.get $bin) (local.get $ng)) (then (local.set $ng (local.get $bin))))
        (local.set $values (i32.add (local.get $values) (i32.const 8)))
        (local.set $roiLevels (i32.add (local.get $roiLevels) (i32.const 4)))
        (br $next)))
    (local.get $ng))

  ;; The neighbour pass: for every ROI voxel v (padded index index[v]) and the 2·half steps, which come in
  ;; opposite pairs (steps[half + a] = −steps[a]): levelSum[v] (float64) = the sum of the padded levels at
  ;; the steps (outside voxels are 0), and same[v] (int32) has bit a set when the level at step a equals v's
  ;; (no ROI level is 0; beyond 31 steps the bits are meaningless, the caller drops them then). The pairs are
  ;; read from the last down, each equality shifted in at bit 0 (of the forward and of the backward half).
  (func (export "gather") (param $levels i32) (param $index i32) (param $nv i32) (param $steps i32) (param $half i32)
                          (param $levelSum i32) (param $same i32)
    (local $end i32) (local $p i32) (local $level i64) (local $sum i64) (local $aheadBits i32) (local $behindBits i32)
    (local $a i32) (local $step i32) (local $ahead i64) (local $behind i64) (local $stepsEnd i32)
    (local.set $end (i32.add (local.get $index) (i32.shl (local.get $nv) (i32.const 2))))
    (local.set $stepsEnd (i32.add (local.get $steps) (i32.shl (local.get $half) (i32.const 2))))
    (block $voxelsDone
      (loop $voxels
        (br_if $voxelsDone (i32.ge_u (local.get $index) (local.get $end)))
        (local.set $p (i32.add (local.get $levels) (i32.shl (i32.load (local.get $index)) (i32.const 2))))
        (local.set $level (i64.load32_s (local.get $p)))
        (local.set $sum (i64.const 0))
        (local.set $aheadBits (i32.const 0))
        (local.set $behindBits (i32.const 0))
        (local.set $a (local.get $stepsEnd))
        (block $stepsDone
          (loop $pairs
            (br_if $stepsDone (i32.le_u (local.get $a) (local.get $steps)))
            (local.set $a (i32.sub (local.get $a) (i32.const 4)))
            (local.set $step (i32.shl (i32.load (local.get $a)) (i32.const 2)))
            (local.set $ahead (i64.load32_s (i32.add (local.get $p) (local.get $step))))
            (local.set $behind (i64.load32_s (i32.sub (local.get $p) (local.get $step))))
            (local.set $sum (i64.add (local.get $sum) (i64.add (local.get $ahead) (local.get $behind))))
            (local.set $aheadBits (i32.or (i32.shl (local.get $aheadBits) (i32.const 1)) (i64.eq (local.get $level) (local.get $ahead))))
            (local.set $behindBits (i32.or (i32.shl (local.get $behindBits) (i32.const 1)) (i64.eq (local.get $level) (local.get $behind))))
            (br $pairs)))
        (f64.store (local.get $levelSum) (f64.convert_i64_s (local.get $sum)))
        (i32.store (local.get $same) (i32.or (local.get $aheadBits) (i32.shl (local.get $behindBits) (local.get $half))))
        (local.set $levelSum (i32.add (local.get $levelSum) (i32.const 8)))
        (local.set $same (i32.add (local.get $same) (i32.const 4)))
        (local.set $index (i32.add (local.get $index) (i32.const 4)))
        (br $voxels))))

  ;; counts[v] (int32) = the number of the nsteps steps from index[v] that land on a ROI voxel: position (int32 over
  ;; the padded box) holds nv outside the ROI. Depends only on the mask.
  (func (export "countInRoi") (param $position i32) (param $index i32) (param $nv i32) (param $steps i32) (param $nsteps i32)
                              (param $counts i32)
    (local $end i32) (local $p i32) (local $count i32) (local $a i32) (local $stepsEnd i32)
    (local.set $end (i32.add (local.get $index) (i32.shl (local.get $nv) (i32.const 2))))
    (local.set $stepsEnd (i32.add (local.get $steps) (i32.shl (local.get $nsteps) (i32.const 2))))
    (block $voxelsDone
      (loop $voxels
        (br_if $voxelsDone (i32.ge_u (local.get $index) (local.get $end)))
        (local.set $p (i32.add (local.get $position) (i32.shl (i32.load (local.get $index)) (i32.const 2))))
        (local.set $count (i32.const 0))
        (local.set $a (local.get $steps))
        (block $stepsDone
          (loop $each
            (br_if $stepsDone (i32.ge_u (local.get $a) (local.get $stepsEnd)))
            (local.set $count (i32.add (local.get $count)
              (i32.lt_u (i32.load (i32.add (local.get $p) (i32.shl (i32.load (local.get $a)) (i32.const 2)))) (local.get $nv))))
            (local.set $a (i32.add (local.get $a) (i32.const 4)))
            (br $each)))
        (i32.store (local.get $counts) (local.get $count))
        (local.set $counts (i32.add (local.get $counts) (i32.const 4)))
        (local.set $index (i32.add (local.get $index) (i32.const 4)))
        (br $voxels))))

  ;; GLDM with gldm_a 0 (countSameLevel in gldm.ts): counts[rows[v]·cols + popcount(same[v])] += 1 (float64, zeroed
  ;; by the caller) for v < nv: the dependent neighbours of v are its same-level bits.
  (func (export "countSameLevel") (param $same i32) (param $rows i32) (param $nv i32) (param $cols i32) (param $counts i32)
    (local $end i32) (local $c i32)
    (local.set $end (i32.add (local.get $same) (i32.shl (local.get $nv) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $same) (local.get $end)))
        (local.set $c (i32.add (local.get $counts) (i32.shl
          (i32.add (i32.mul (i32.load (local.get $rows)) (local.get $cols)) (i32.popcnt (i32.load (local.get $same))))
          (i32.const 3))))
        (f64.store (local.get $c) (f64.add (f64.load (local.get $c)) (f64.const 1)))
        (local.set $same (i32.add (local.get $same) (i32.const 4)))
        (local.set $rows (i32.add (local.get $rows) (i32.const 4)))
        (br $next))))

  ;; NGTDM n_i and s_i (accumulate in ngtdm.ts), in voxel order: for v < nv, with row r = rows[v],
  ;; counts[r] += 1 and, when neighbours[v] > 0, sums[r] += |levels[v] − levelSum[v] / neighbours[v]|
  ;; (levels, neighbours, rows int32; levelSum, counts, sums float64, zeroed by the caller).
  (func (export "accumulateNgtdm") (param $levels i32) (param $rows i32) (param $neighbours i32) (param $levelSum i32)
                                   (param $nv i32) (param $counts i32) (param $sums i32)
    (local $end i32) (local $row i32) (local $c i32) (local $n i32)
    (local.set $end (i32.add (local.get $levels) (i32.shl (local.get $nv) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $levels) (local.get $end)))
        (local.set $row (i32.shl (i32.load (local.get $rows)) (i32.const 3)))
        (local.set $c (i32.add (local.get $counts) (local.get $row)))
        (f64.store (local.get $c) (f64.add (f64.load (local.get $c)) (f64.const 1)))
        (local.set $n (i32.load (local.get $neighbours)))
        (if (i32.gt_s (local.get $n) (i32.const 0))
          (then
            (local.set $c (i32.add (local.get $sums) (local.get $row)))
            (f64.store (local.get $c) (f64.add (f64.load (local.get $c))
              (f64.abs (f64.sub (f64.convert_i32_s (i32.load (local.get $levels)))
                                (f64.div (f64.load (local.get $levelSum)) (f64.convert_i32_s (local.get $n)))))))))
        (local.set $levels (i32.add (local.get $levels) (i32.const 4)))
        (local.set $rows (i32.add (local.get $rows) (i32.const 4)))
        (local.set $neighbours (i32.add (local.get $neighbours) (i32.const 4)))
        (local.set $levelSum (i32.add (local.get $levelSum) (i32.const 8)))
        (br $next))))

  ;; GLRLM runs of two or more voxels from the same-level bits (carryRuns in glrlm.ts): per voxel, bit a < forward
  ;; of same[v] says the successor in forward direction a (padded step steps[a] > 0) continues the run, bit
  ;; forward + a that the predecessor does. The length of the run so far at padded index p is kept in
  ;; lengths[a·ring + (p & (ring − 1))] (int32; ring a power of two above every step); at a run's last voxel,
  ;; counts[a·block + rows[v]·maxRun + length − 1] += 1 (float64, zeroed by the caller). Returns the directions
  ;; in which some voxel continues a run, as bits.
  (func (export "carryRuns") (param $same i32) (param $index i32) (param $nv i32) (param $steps i32) (param $forward i32)
                             (param $rows i32) (param $maxRun i32) (param $block i32) (param $ring i32)
                             (param $lengths i32) (param $counts i32) (result i32)
    (local $end i32) (local $bits i32) (local $ahead i32) (local $behind i32) (local $joined i32) (local $half i32)
    (local $wrap i32) (local $p i32) (local $set i32) (local $a i32) (local $lane i32) (local $at i32) (local $c i32)
    (local.set $half (i32.sub (i32.shl (i32.const 1) (local.get $forward)) (i32.const 1)))
    (local.set $wrap (i32.sub (local.get $ring) (i32.const 1)))
    (local.set $end (i32.add (local.get $same) (i32.shl (local.get $nv) (i32.const 2))))
    (block $voxelsDone
      (loop $voxels
        (br_if $voxelsDone (i32.ge_u (local.get $same) (local.get $end)))
        (local.set $bits (i32.load (local.get $same)))
        (local.set $ahead (i32.and (local.get $bits) (local.get $half)))
        (local.set $behind (i32.and (i32.shr_u (local.get $bits) (local.get $forward)) (local.get $half)))
        (if (i32.or (local.get $ahead) (local.get $behind))
          (then
            (local.set $joined (i32.or (local.get $joined) (local.get $ahead)))
            (local.set $p (i32.load (local.get $index)))
            ;; runs starting here: length 1
            (local.set $set (i32.and (local.get $ahead) (i32.xor (local.get $behind) (i32.const -1))))
            (block $startsDone
              (loop $starts
                (br_if $startsDone (i32.eqz (local.get $set)))
                (local.set $a (i32.ctz (local.get $set)))
                (i32.store (i32.add (local.get $lengths) (i32.shl (i32.add (i32.mul (local.get $a) (local.get $ring)) (i32.and (local.get $p) (local.get $wrap))) (i32.const 2)))
                           (i32.const 1))
                (local.set $set (i32.and (local.get $set) (i32.sub (local.get $set) (i32.const 1))))
                (br $starts)))
            ;; runs going on: the predecessor's length + 1
            (local.set $set (i32.and (local.get $ahead) (local.get $behind)))
            (block $middlesDone
              (loop $middles
                (br_if $middlesDone (i32.eqz (local.get $set)))
                (local.set $a (i32.ctz (local.get $set)))
                (i32.store (i32.add (local.get $lengths) (i32.shl (i32.add (i32.mul (local.get $a) (local.get $ring)) (i32.and (local.get $p) (local.get $wrap))) (i32.const 2)))
                           (i32.add (i32.load (i32.add (local.get $lengths) (i32.shl (i32.add (i32.mul (local.get $a) (local.get $ring)) (i32.and (i32.sub (local.get $p) (i32.load (i32.add (local.get $steps) (i32.shl (local.get $a) (i32.const 2))))) (local.get $wrap))) (i32.const 2))))
                                    (i32.const 1)))
                (local.set $set (i32.and (local.get $set) (i32.sub (local.get $set) (i32.const 1))))
                (br $middles)))
            ;; runs ending here: count length (predecessor's + 1) at column length − 1
            (local.set $set (i32.and (local.get $behind) (i32.xor (local.get $ahead) (i32.const -1))))
            (local.set $at (i32.mul (i32.load (local.get $rows)) (local.get $maxRun)))
            (block $endsDone
              (loop $ends
                (br_if $endsDone (i32.eqz (local.get $set)))
                (local.set $a (i32.ctz (local.get $set)))
                (local.set $c (i32.add (local.get $counts) (i32.shl
                  (i32.add (i32.add (i32.mul (local.get $a) (local.get $block)) (local.get $at))
                           (i32.load (i32.add (local.get $lengths) (i32.shl (i32.add (i32.mul (local.get $a) (local.get $ring)) (i32.and (i32.sub (local.get $p) (i32.load (i32.add (local.get $steps) (i32.shl (local.get $a) (i32.const 2))))) (local.get $wrap))) (i32.const 2)))))
                  (i32.const 3))))
                (f64.store (local.get $c) (f64.add (f64.load (local.get $c)) (f64.const 1)))
                (local.set $set (i32.and (local.get $set) (i32.sub (local.get $set) (i32.const 1))))
                (br $ends)))))
        (local.set $same (i32.add (local.get $same) (i32.const 4)))
        (local.set $index (i32.add (local.get $index) (i32.const 4)))
        (local.set $rows (i32.add (local.get $rows) (i32.const 4)))
        (br $voxels)))
    (local.get $joined))

  ;; GLRLM runs of length 1 (after carryRuns): in each direction, every voxel not in a longer run. rowCount[r] (float64,
  ;; levels entries, zeroed by the caller) := the number of voxels v < nv of row rows[v]; then for direction
  ;; a < directions and row r, with at = (a·levels + r)·maxRun: counts[at] = rowCount[r] − Σ_{j=1}^{maxRun−1}
  ;; (j + 1)·counts[at + j] (float64 integers: exact).
  (func (export "singleRuns") (param $rows i32) (param $nv i32) (param $directions i32) (param $levels i32)
                              (param $maxRun i32) (param $counts i32) (param $rowCount i32)
    (local $end i32) (local $c i32) (local $a i32) (local $r i32) (local $at i32) (local $j i32) (local $inLonger f64)
    (local.set $end (i32.add (local.get $rows) (i32.shl (local.get $nv) (i32.const 2))))
    (block $histogramDone
      (loop $histogram
        (br_if $histogramDone (i32.ge_u (local.get $rows) (local.get $end)))
        (local.set $c (i32.add (local.get $rowCount) (i32.shl (i32.load (local.get $rows)) (i32.const 3))))
        (f64.store (local.get $c) (f64.add (f64.load (local.get $c)) (f64.const 1)))
        (local.set $rows (i32.add (local.get $rows) (i32.const 4)))
        (br $histogram)))
    (local.set $at (local.get $counts))
    (block $directionsDone
      (loop $eachDirection
        (br_if $directionsDone (i32.ge_u (local.get $a) (local.get $directions)))
        (local.set $r (i32.const 0))
        (block $rowsDone
          (loop $eachRow
            (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $levels)))
            (local.set $inLonger (f64.const 0))
            (local.set $j (i32.const 1))
            (block $runsDone
              (loop $eachRun
                (br_if $runsDone (i32.ge_u (local.get $j) (local.get $maxRun)))
                (local.set $inLonger (f64.add (local.get $inLonger)
                  (f64.mul (f64.convert_i32_s (i32.add (local.get $j) (i32.const 1)))
                           (f64.load (i32.add (local.get $at) (i32.shl (local.get $j) (i32.const 3)))))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $eachRun)))
            (f64.store (local.get $at)
              (f64.sub (f64.load (i32.add (local.get $rowCount) (i32.shl (local.get $r) (i32.const 3)))) (local.get $inLonger)))
            (local.set $at (i32.add (local.get $at) (i32.shl (local.get $maxRun) (i32.const 3))))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $eachRow)))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $eachDirection))))

  ;; Matrix pruning (nonEmptyColumns in matrix-utils.ts): used[c] (int8, zeroed by the caller) := 1 for every column
  ;; c < cols with matrix[r·cols + c] != 0 (float64; NaN counts as non-zero) in some row r < rows.
  (func (export "usedColumns") (param $matrix i32) (param $rows i32) (param $cols i32) (param $used i32)
    (local $end i32) (local $c i32)
    (local.set $end (i32.add (local.get $matrix) (i32.shl (i32.mul (local.get $rows) (local.get $cols)) (i32.const 3))))
    (block $done
      (loop $eachRow
        (br_if $done (i32.ge_u (local.get $matrix) (local.get $end)))
        (local.set $c (i32.const 0))
        (block $rowDone
          (loop $eachColumn
            (br_if $rowDone (i32.ge_u (local.get $c) (local.get $cols)))
            (if (f64.ne (f64.load (i32.add (local.get $matrix) (i32.shl (local.get $c) (i32.const 3)))) (f64.const 0))
              (then (i32.store8 (i32.add (local.get $used) (local.get $c)) (i32.const 1))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $eachColumn)))
        (local.set $matrix (i32.add (local.get $matrix) (i32.shl (local.get $cols) (i32.const 3))))
        (br $eachRow))))

  ;; sums[b] (float64) = matrix[b·block] + matrix[b·block + 1] + … + matrix[b·block + block − 1] (float64, added in
  ;; that order) for b < blocks: GLRLM's direction sums (nonEmptyStacks in glrlm.ts).
  (func (export "blockSums") (param $matrix i32) (param $blocks i32) (param $block i32) (param $sums i32)
    (local $end i32) (local $blockEnd i32) (local $sum f64)
    (local.set $end (i32.add (local.get $sums) (i32.shl (local.get $blocks) (i32.const 3))))
    (block $done
      (loop $eachBlock
        (br_if $done (i32.ge_u (local.get $sums) (local.get $end)))
        (local.set $blockEnd (i32.add (local.get $matrix) (i32.shl (local.get $block) (i32.const 3))))
        (local.set $sum (f64.const 0))
        (block $blockDone
          (loop $each
            (br_if $blockDone (i32.ge_u (local.get $matrix) (local.get $blockEnd)))
            (local.set $sum (f64.add (local.get $sum) (f64.load (local.get $matrix))))
            (local.set $matrix (i32.add (local.get $matrix) (i32.const 8)))
            (br $each)))
        (f64.store (local.get $sums) (local.get $sum))
        (local.set $sums (i32.add (local.get $sums) (i32.const 8)))
        (br $eachBlock))))

  ;; Union-find root of ROI position v in parent (int32 per voxel), halving the path on the way.
  (func $root (param $parent i32) (param $v i32) (result i32)
    (local $up i32)
    (block $done
      (loop $climb
        (local.set $up (i32.load (i32.add (local.get $parent) (i32.shl (local.get $v) (i32.const 2)))))
        (br_if $done (i32.eq (local.get $up) (local.get $v)))
        (local.set $up (i32.load (i32.add (local.get $parent) (i32.shl (local.get $up) (i32.const 2)))))
        (i32.store (i32.add (local.get $parent) (i32.shl (local.get $v) (i32.const 2))) (local.get $up))
        (local.set $v (local.get $up))
        (br $climb)))
    (local.get $v))

  ;; GLSZM zones (countZones in glszm.ts): parent[v] (int32) := v, then every ROI voxel v is joined with each
  ;; forward neighbour of the same level (bit f < forward of same[v]; padded step steps[f], ROI position read
  ;; from position, int32 over the padded box), the smaller root staying root. Then size[r] (int32, zeroed by
  ;; the caller) = number of voxels of the zone of root r, and parent[v] = v's root. Returns the largest zone size.
  (func (export "labelZones") (param $same i32) (param $index i32) (param $position i32) (param $nv i32)
                              (param $steps i32) (param $forward i32) (param $parent i32) (param $size i32) (result i32)
    (local $v i32) (local $bits i32) (local $p i32) (local $rootV i32) (local $w i32) (local $rootW i32)
    (local $mask i32) (local $maxSize i32) (local $s i32) (local $c i32)
    (block $done
      (loop $init
        (br_if $done (i32.ge_u (local.get $v) (local.get $nv)))
        (i32.store (i32.add (local.get $parent) (i32.shl (local.get $v) (i32.const 2))) (local.get $v))
        (local.set $v (i32.add (local.get $v) (i32.const 1)))
        (br $init)))
    (local.set $mask (i32.sub (i32.shl (i32.const 1) (local.get $forward)) (i32.const 1)))
    (local.set $v (i32.const 0))
    (block $voxelsDone
      (loop $voxels
        (br_if $voxelsDone (i32.ge_u (local.get $v) (local.get $nv)))
        (local.set $bits (i32.and (i32.load (i32.add (local.get $same) (i32.shl (local.get $v) (i32.const 2)))) (local.get $mask)))
        (if (local.get $bits)
          (then
            (local.set $p (i32.load (i32.add (local.get $index) (i32.shl (local.get $v) (i32.const 2)))))
            ;; v's root: mostly v itself or its parent (a root), else the full climb
            (local.set $rootV (i32.load (i32.add (local.get $parent) (i32.shl (local.get $v) (i32.const 2)))))
            (if (i32.ne (i32.load (i32.add (local.get $parent) (i32.shl (local.get $rootV) (i32.const 2)))) (local.get $rootV))
              (then (local.set $rootV (call $root (local.get $parent) (local.get $rootV)))))
            (block $bitsDone
              (loop $neighbours
                (br_if $bitsDone (i32.eqz (local.get $bits)))
                (local.set $w (i32.load (i32.add (local.get $position) (i32.shl (i32.add (local.get $p) (i32.load (i32.add (local.get $steps) (i32.shl (i32.ctz (local.get $bits)) (i32.const 2))))) (i32.const 2)))))
                (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
                ;; often w already hangs from v's root; else find its root and point w at the joined root
                (local.set $rootW (i32.load (i32.add (local.get $parent) (i32.shl (local.get $w) (i32.const 2)))))
                (br_if $neighbours (i32.eq (local.get $rootW) (local.get $rootV)))
                (if (i32.ne (local.get $rootW) (local.get $w))
                  (then (local.set $rootW (call $root (local.get $parent) (local.get $rootW)))))
                (if (i32.eq (local.get $rootW) (local.get $rootV))
                  (then
                    (i32.store (i32.add (local.get $parent) (i32.shl (local.get $w) (i32.const 2))) (local.get $rootV))
                    (br $neighbours)))
                (if (i32.lt_u (local.get $rootV) (local.get $rootW))
                  (then
                    (i32.store (i32.add (local.get $parent) (i32.shl (local.get $rootW) (i32.const 2))) (local.get $rootV))
                    (i32.store (i32.add (local.get $parent) (i32.shl (local.get $w) (i32.const 2))) (local.get $rootV)))
                  (else
                    (i32.store (i32.add (local.get $parent) (i32.shl (local.get $rootV) (i32.const 2))) (local.get $rootW))
                    (local.set $rootV (local.get $rootW))))
                (br $neighbours)))))
        (local.set $v (i32.add (local.get $v) (i32.const 1)))
        (br $voxels)))
    (local.set $v (i32.const 0))
    (block $sizesDone
      (loop $sizes
        (br_if $sizesDone (i32.ge_u (local.get $v) (local.get $nv)))
        ;; The root of a zone is its smallest voxel and parent[v] <= v (every link points down), so in
        ;; ascending order parent[parent[v]] is v's root: parent[v]'s entry already holds its root.
        (local.set $c (i32.add (local.get $parent) (i32.shl (local.get $v) (i32.const 2))))
        (local.set $s (i32.load (i32.add (local.get $parent) (i32.shl (i32.load (local.get $c)) (i32.const 2)))))
        (i32.store (local.get $c) (local.get $s))
        (local.set $c (i32.add (local.get $size) (i32.shl (local.get $s) (i32.const 2))))
        (local.set $s (i32.add (i32.load (local.get $c)) (i32.const 1)))
        (i32.store (local.get $c) (local.get $s))
        (if (i32.gt_u (local.get $s) (local.get $maxSize)) (then (local.set $maxSize (local.get $s))))
        (local.set $v (i32.add (local.get $v) (i32.const 1)))
        (br $sizes)))
    (local.get $maxSize))

  ;; counts[rows[v]·maxSize + size[v] − 1] += 1 (float64, zeroed by the caller) for every root v (size[v] > 0).
  (func (export "countSizes") (param $size i32) (param $rows i32) (param $nv i32) (param $maxSize i32) (param $counts i32)
    (local $end i32) (local $s i32) (local $c i32)
    (local.set $end (i32.add (local.get $size) (i32.shl (local.get $nv) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $size) (local.get $end)))
        (local.set $s (i32.load (local.get $size)))
        (if (local.get $s)
          (then
            (local.set $c (i32.add (local.get $counts) (i32.shl
              (i32.add (i32.mul (i32.load (local.get $rows)) (local.get $maxSize)) (i32.sub (local.get $s) (i32.const 1)))
              (i32.const 3))))
            (f64.store (local.get $c) (f64.add (f64.load (local.get $c)) (f64.const 1)))))
        (local.set $size (i32.add (local.get $size) (i32.const 4)))
        (local.set $rows (i32.add (local.get $rows) (i32.const 4)))
        (br $next))))
)
