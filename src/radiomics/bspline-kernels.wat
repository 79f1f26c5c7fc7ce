;; The 64-term sum of ITK's cubic B-spline interpolation (BSplineInterpolateImageFunction, see bspline.ts), as
;; WebAssembly. Two output voxels of a scan line go through it at once, one per f64x2 lane: each lane does the
;; scalar code's IEEE operations in the scalar code's order (term ((wx_i·wy_j)·wz_k)·c, added to one sum from 0
;; with k slowest and i fastest; no fused multiply-add), so each voxel rounds exactly as one at a time would,
;; while the two sums' additions overlap.
;; Memory holds, at byte offsets chosen by bspline.ts, the coefficient block (float64) and per-axis tables.
;; An axis table is 4 rows (support point i = 0..3) of weights (float64) and of byte offsets into the block
;; (int32). Weight row i of voxel x is at w + i·row + x·step, its offset at o + (i·row + x·step)/2; `step` is 8
;; when the weights change along the line (a row per voxel), 0 when they do not (then each row holds its
;; value twice, [w, w] / [o, o], so that lane 1 reads at +8 / +4 as a per-voxel row would).
;; The recursive prefilter that makes the coefficients (ITK's DataToCoefficients1D, see bsplinePrefilter1D in
;; bspline.ts) runs on two lines at once the same way, one per lane: `prefilter` on a pair of lines stored as
;; f64x2 vectors, `prefilterColumns` on neighbouring columns of the block, `prefilterRows` on image rows.
;; Build: `npm run build:wasm` writes bspline-kernels.wasm.ts from this file.
(module
  (memory (export "memory") 1)

  ;; values[x] for from ≤ x < to, rounded up to an even count (the extra voxel's value is junk, its table
  ;; entries must be valid offsets).
  (func (export "sampleLine")
    (param $coef i32)
    (param $wx i32) (param $ox i32) (param $rx i32) (param $sx i32)
    (param $wy i32) (param $oy i32) (param $ry i32) (param $sy i32)
    (param $wz i32) (param $oz i32) (param $rz i32) (param $sz i32)
    (param $from i32) (param $to i32) (param $out i32)
    (local $x i32) (local $p i32) (local $q i32) (local $py i32) (local $qy i32) (local $pz i32) (local $qz i32)
    (local $k i32) (local $j i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    (local $wyv v128) (local $wzv v128) (local $ba i32) (local $bb i32) (local $za i32) (local $zb i32)
    (local $acc v128)
    (local.set $x (local.get $from))
    (block $done
      (loop $voxels
        (br_if $done (i32.ge_s (local.get $x) (local.get $to)))
        ;; x weights and offsets of the two voxels
        (local.set $p (i32.add (local.get $wx) (i32.mul (local.get $x) (local.get $sx))))
        (local.set $q (i32.add (local.get $ox) (i32.shr_u (i32.mul (local.get $x) (local.get $sx)) (i32.const 1))))
        (local.set $x0 (v128.load (local.get $p)))
        (local.set $x1 (v128.load (i32.add (local.get $p) (local.get $rx))))
        (local.set $x2 (v128.load (i32.add (local.get $p) (i32.shl (local.get $rx) (i32.const 1)))))
        (local.set $x3 (v128.load (i32.add (local.get $p) (i32.mul (local.get $rx) (i32.const 3)))))
        (local.set $a0 (i32.add (local.get $coef) (i32.load (local.get $q))))
        (local.set $b0 (i32.add (local.get $coef) (i32.load offset=4 (local.get $q))))
        (local.set $q (i32.add (local.get $q) (i32.shr_u (local.get $rx) (i32.const 1))))
        (local.set $a1 (i32.add (local.get $coef) (i32.load (local.get $q))))
        (local.set $b1 (i32.add (local.get $coef) (i32.load offset=4 (local.get $q))))
        (local.set $q (i32.add (local.get $q) (i32.shr_u (local.get $rx) (i32.const 1))))
        (local.set $a2 (i32.add (local.get $coef) (i32.load (local.get $q))))
        (local.set $b2 (i32.add (local.get $coef) (i32.load offset=4 (local.get $q))))
        (local.set $q (i32.add (local.get $q) (i32.shr_u (local.get $rx) (i32.const 1))))
        (local.set $a3 (i32.add (local.get $coef) (i32.load (local.get $q))))
        (local.set $b3 (i32.add (local.get $coef) (i32.load offset=4 (local.get $q))))
        (local.set $acc (v128.const f64x2 0 0))
        (local.set $pz (i32.add (local.get $wz) (i32.mul (local.get $x) (local.get $sz))))
        (local.set $qz (i32.add (local.get $oz) (i32.shr_u (i32.mul (local.get $x) (local.get $sz)) (i32.const 1))))
        (local.set $k (i32.const 4))
        (loop $zs
          (local.set $wzv (v128.load (local.get $pz)))
          (local.set $za (i32.load (local.get $qz)))
          (local.set $zb (i32.load offset=4 (local.get $qz)))
          (local.set $py (i32.add (local.get $wy) (i32.mul (local.get $x) (local.get $sy))))
          (local.set $qy (i32.add (local.get $oy) (i32.shr_u (i32.mul (local.get $x) (local.get $sy)) (i32.const 1))))
          (local.set $j (i32.const 4))
          (loop $ys
            (local.set $wyv (v128.load (local.get $py)))
            (local.set $ba (i32.add (local.get $za) (i32.load (local.get $qy))))
            (local.set $bb (i32.add (local.get $zb) (i32.load offset=4 (local.get $qy))))
            (local.set $acc (f64x2.add (local.get $acc)
              (f64x2.mul (f64x2.mul (f64x2.mul (local.get $x0) (local.get $wyv)) (local.get $wzv))
                (f64x2.replace_lane 1 (f64x2.splat (f64.load (i32.add (local.get $a0) (local.get $ba))))
                  (f64.load (i32.add (local.get $b0) (local.get $bb)))))))
            (local.set $acc (f64x2.add (local.get $acc)
              (f64x2.mul (f64x2.mul (f64x2.mul (local.get $x1) (local.get $wyv)) (local.get $wzv))
                (f64x2.replace_lane 1 (f64x2.splat (f64.load (i32.add (local.get $a1) (local.get $ba))))
                  (f64.load (i32.add (local.get $b1) (local.get $bb)))))))
            (local.set $acc (f64x2.add (local.get $acc)
              (f64x2.mul (f64x2.mul (f64x2.mul (local.get $x2) (local.get $wyv)) (local.get $wzv))
                (f64x2.replace_lane 1 (f64x2.splat (f64.load (i32.add (local.get $a2) (local.get $ba))))
                  (f64.load (i32.add (local.get $b2) (local.get $bb)))))))
            (local.set $acc (f64x2.add (local.get $acc)
              (f64x2.mul (f64x2.mul (f64x2.mul (local.get $x3) (local.get $wyv)) (local.get $wzv))
                (f64x2.replace_lane 1 (f64x2.splat (f64.load (i32.add (local.get $a3) (local.get $ba))))
                  (f64.load (i32.add (local.get $b3) (local.get $bb)))))))
            (local.set $py (i32.add (local.get $py) (local.get $ry)))
            (local.set $qy (i32.add (local.get $qy) (i32.shr_u (local.get $ry) (i32.const 1))))
            (br_if $ys (local.tee $j (i32.sub (local.get $j) (i32.const 1)))))
          (local.set $pz (i32.add (local.get $pz) (local.get $rz)))
          (local.set $qz (i32.add (local.get $qz) (i32.shr_u (local.get $rz) (i32.const 1))))
          (br_if $zs (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $x) (i32.const 3))) (local.get $acc))
        (local.set $x (i32.add (local.get $x) (i32.const 2)))
        (br $voxels))))

  ;; Two scan lines of an axis-aligned grid that differ only in z (the same x and y weights and offsets, the same
  ;; z support offsets, their own z weights): voxels from ≤ x < to (rounded up to even) of both, lanes = the two
  ;; lines, two voxels x, x + 1 per step (two independent sums), each coefficient loaded once for both lanes.
  ;; x table as for sampleLine; y: one entry per row (row bytes ry, offsets ry/2); za, zb: the two lines' z
  ;; weights ([w, w] rows of 16 bytes); oz: their shared z offsets (rows of 8 bytes). Results to outA / outB.
  (func (export "sampleLinePair")
    (param $coef i32) (param $wx i32) (param $ox i32) (param $rx i32) (param $sx i32)
    (param $wy i32) (param $oy i32) (param $ry i32)
    (param $za i32) (param $zb i32) (param $oz i32)
    (param $from i32) (param $to i32) (param $outA i32) (param $outB i32)
    (local $x i32) (local $p i32) (local $q i32) (local $k i32) (local $j i32) (local $hx i32) (local $hs i32)
    (local $u0 v128) (local $u1 v128) (local $u2 v128) (local $u3 v128)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    (local $wyv v128) (local $wzv v128) (local $ozk i32) (local $base i32) (local $pz i32) (local $py i32)
    (local $accA v128) (local $accB v128)
    (local.set $hx (i32.shr_u (local.get $rx) (i32.const 1)))
    (local.set $hs (i32.shr_u (local.get $sx) (i32.const 1)))
    (local.set $x (local.get $from))
    (block $done
      (loop $voxels
        (br_if $done (i32.ge_s (local.get $x) (local.get $to)))
        (local.set $p (i32.add (local.get $wx) (i32.mul (local.get $x) (local.get $sx))))
        (local.set $q (i32.add (local.get $ox) (i32.mul (local.get $x) (local.get $hs))))
        (local.set $u0 (v128.load64_splat (local.get $p)))
        (local.set $v0 (v128.load64_splat (i32.add (local.get $p) (local.get $sx))))
        (local.set $a0 (i32.add (local.get $coef) (i32.load (local.get $q))))
        (local.set $b0 (i32.add (local.get $coef) (i32.load (i32.add (local.get $q) (local.get $hs)))))
        (local.set $p (i32.add (local.get $p) (local.get $rx)))
        (local.set $q (i32.add (local.get $q) (local.get $hx)))
        (local.set $u1 (v128.load64_splat (local.get $p)))
        (local.set $v1 (v128.load64_splat (i32.add (local.get $p) (local.get $sx))))
        (local.set $a1 (i32.add (local.get $coef) (i32.load (local.get $q))))
        (local.set $b1 (i32.add (local.get $coef) (i32.load (i32.add (local.get $q) (local.get $hs)))))
        (local.set $p (i32.add (local.get $p) (local.get $rx)))
        (local.set $q (i32.add (local.get $q) (local.get $hx)))
        (local.set $u2 (v128.load64_splat (local.get $p)))
        (local.set $v2 (v128.load64_splat (i32.add (local.get $p) (local.get $sx))))
        (local.set $a2 (i32.add (local.get $coef) (i32.load (local.get $q))))
        (local.set $b2 (i32.add (local.get $coef) (i32.load (i32.add (local.get $q) (local.get $hs)))))
        (local.set $p (i32.add (local.get $p) (local.get $rx)))
        (local.set $q (i32.add (local.get $q) (local.get $hx)))
        (local.set $u3 (v128.load64_splat (local.get $p)))
        (local.set $v3 (v128.load64_splat (i32.add (local.get $p) (local.get $sx))))
        (local.set $a3 (i32.add (local.get $coef) (i32.load (local.get $q))))
        (local.set $b3 (i32.add (local.get $coef) (i32.load (i32.add (local.get $q) (local.get $hs)))))
        (local.set $accA (v128.const f64x2 0 0))
        (local.set $accB (v128.const f64x2 0 0))
        (local.set $k (i32.const 0))
        (loop $zs
          (local.set $pz (i32.shl (local.get $k) (i32.const 4)))
          (local.set $wzv (f64x2.replace_lane 1 (v128.load64_splat (i32.add (local.get $za) (local.get $pz)))
            (f64.load (i32.add (local.get $zb) (local.get $pz)))))
          (local.set $ozk (i32.load (i32.add (local.get $oz) (i32.shl (local.get $k) (i32.const 3)))))
          (local.set $py (local.get $wy))
          (local.set $q (local.get $oy))
          (local.set $j (i32.const 4))
          (loop $ys
            (local.set $wyv (v128.load64_splat (local.get $py)))
            (local.set $base (i32.add (local.get $ozk) (i32.load (local.get $q))))
            (local.set $accA (f64x2.add (local.get $accA) (f64x2.mul (f64x2.mul (f64x2.mul (local.get $u0) (local.get $wyv)) (local.get $wzv))
              (v128.load64_splat (i32.add (local.get $a0) (local.get $base))))))
            (local.set $accB (f64x2.add (local.get $accB) (f64x2.mul (f64x2.mul (f64x2.mul (local.get $v0) (local.get $wyv)) (local.get $wzv))
              (v128.load64_splat (i32.add (local.get $b0) (local.get $base))))))
            (local.set $accA (f64x2.add (local.get $accA) (f64x2.mul (f64x2.mul (f64x2.mul (local.get $u1) (local.get $wyv)) (local.get $wzv))
              (v128.load64_splat (i32.add (local.get $a1) (local.get $base))))))
            (local.set $accB (f64x2.add (local.get $accB) (f64x2.mul (f64x2.mul (f64x2.mul (local.get $v1) (local.get $wyv)) (local.get $wzv))
              (v128.load64_splat (i32.add (local.get $b1) (local.get $base))))))
            (local.set $accA (f64x2.add (local.get $accA) (f64x2.mul (f64x2.mul (f64x2.mul (local.get $u2) (local.get $wyv)) (local.get $wzv))
              (v128.load64_splat (i32.add (local.get $a2) (local.get $base))))))
            (local.set $accB (f64x2.add (local.get $accB) (f64x2.mul (f64x2.mul (f64x2.mul (local.get $v2) (local.get $wyv)) (local.get $wzv))
              (v128.load64_splat (i32.add (local.get $b2) (local.get $base))))))
            (local.set $accA (f64x2.add (local.get $accA) (f64x2.mul (f64x2.mul (f64x2.mul (local.get $u3) (local.get $wyv)) (local.get $wzv))
              (v128.load64_splat (i32.add (local.get $a3) (local.get $base))))))
            (local.set $accB (f64x2.add (local.get $accB) (f64x2.mul (f64x2.mul (f64x2.mul (local.get $v3) (local.get $wyv)) (local.get $wzv))
              (v128.load64_splat (i32.add (local.get $b3) (local.get $base))))))
            (local.set $py (i32.add (local.get $py) (local.get $ry)))
            (local.set $q (i32.add (local.get $q) (i32.shr_u (local.get $ry) (i32.const 1))))
            (br_if $ys (local.tee $j (i32.sub (local.get $j) (i32.const 1)))))
          (br_if $zs (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 4))))
        (local.set $p (i32.shl (local.get $x) (i32.const 3)))
        (f64.store (i32.add (local.get $outA) (local.get $p)) (f64x2.extract_lane 0 (local.get $accA)))
        (f64.store (i32.add (local.get $outB) (local.get $p)) (f64x2.extract_lane 1 (local.get $accA)))
        (f64.store offset=8 (i32.add (local.get $outA) (local.get $p)) (f64x2.extract_lane 0 (local.get $accB)))
        (f64.store offset=8 (i32.add (local.get $outB) (local.get $p)) (f64x2.extract_lane 1 (local.get $accB)))
        (local.set $x (i32.add (local.get $x) (i32.const 2)))
        (br $voxels))))

  ;; In-place prefilter of two lines held as vectors at p + n·stride, n < length (lane 0 one line, lane 1 the
  ;; other), with pole z and gain g; zpow = z^(length − 1) (only used when length ≤ horizon). The anti-causal
  ;; pass stops at n = keepFrom. Same operations in the same order as bsplinePrefilter1D.
  (func $prefilter (param $p i32) (param $stride i32) (param $length i32) (param $keepFrom i32)
    (param $z f64) (param $g f64) (param $horizon i32) (param $zpow f64)
    (local $last i32) (local $gainedEnd i32) (local $i i32) (local $n i32) (local $zv v128) (local $gv v128)
    (local $sum v128) (local $zn f64) (local $z2n f64) (local $iz f64) (local $prev v128)
    (if (i32.eq (local.get $length) (i32.const 1)) (then (return)))
    (local.set $zv (f64x2.splat (local.get $z)))
    (local.set $gv (f64x2.splat (local.get $g)))
    (local.set $last (i32.add (local.get $p) (i32.mul (i32.sub (local.get $length) (i32.const 1)) (local.get $stride))))
    (local.set $gainedEnd (select
      (i32.add (local.get $p) (i32.mul (local.get $horizon) (local.get $stride)))
      (i32.add (local.get $last) (local.get $stride))
      (i32.lt_s (local.get $horizon) (local.get $length))))
    ;; gain on the samples the initial coefficient reads
    (local.set $i (local.get $p))
    (loop $gain
      (v128.store (local.get $i) (f64x2.mul (v128.load (local.get $i)) (local.get $gv)))
      (br_if $gain (i32.lt_u (local.tee $i (i32.add (local.get $i) (local.get $stride))) (local.get $gainedEnd))))
    ;; initial causal coefficient (mirror boundary)
    (local.set $zn (local.get $z))
    (if (i32.lt_s (local.get $horizon) (local.get $length))
      (then
        (local.set $sum (v128.load (local.get $p)))
        (local.set $n (i32.const 1))
        (local.set $i (i32.add (local.get $p) (local.get $stride)))
        (loop $terms
          (if (i32.lt_s (local.get $n) (local.get $horizon))
            (then
              (local.set $sum (f64x2.add (local.get $sum) (f64x2.mul (f64x2.splat (local.get $zn)) (v128.load (local.get $i)))))
              (local.set $zn (f64.mul (local.get $zn) (local.get $z)))
              (local.set $i (i32.add (local.get $i) (local.get $stride)))
              (local.set $n (i32.add (local.get $n) (i32.const 1)))
              (br $terms))))
        (v128.store (local.get $p) (local.get $sum)))
      (else
        (local.set $iz (f64.div (f64.const 1) (local.get $z)))
        (local.set $z2n (local.get $zpow))
        (local.set $sum (f64x2.add (v128.load (local.get $p)) (f64x2.mul (f64x2.splat (local.get $z2n)) (v128.load (local.get $last)))))
        (local.set $z2n (f64.mul (local.get $z2n) (f64.mul (local.get $z2n) (local.get $iz))))
        (local.set $n (i32.const 1))
        (local.set $i (i32.add (local.get $p) (local.get $stride)))
        (loop $terms
          (if (i32.le_s (local.get $n) (i32.sub (local.get $length) (i32.const 2)))
            (then
              (local.set $sum (f64x2.add (local.get $sum)
                (f64x2.mul (f64x2.splat (f64.add (local.get $zn) (local.get $z2n))) (v128.load (local.get $i)))))
              (local.set $zn (f64.mul (local.get $zn) (local.get $z)))
              (local.set $z2n (f64.mul (local.get $z2n) (local.get $iz)))
              (local.set $i (i32.add (local.get $i) (local.get $stride)))
              (local.set $n (i32.add (local.get $n) (i32.const 1)))
              (br $terms))))
        (v128.store (local.get $p)
          (f64x2.div (local.get $sum) (f64x2.splat (f64.sub (f64.const 1) (f64.mul (local.get $zn) (local.get $zn))))))))
    ;; causal recursion: samples already gained, then the others (gained just before their use)
    (local.set $prev (v128.load (local.get $p)))
    (local.set $i (i32.add (local.get $p) (local.get $stride)))
    (block $gainedDone
      (loop $causal1
        (br_if $gainedDone (i32.ge_u (local.get $i) (local.get $gainedEnd)))
        (local.set $prev (f64x2.add (v128.load (local.get $i)) (f64x2.mul (local.get $zv) (local.get $prev))))
        (v128.store (local.get $i) (local.get $prev))
        (local.set $i (i32.add (local.get $i) (local.get $stride)))
        (br $causal1)))
    (block $causalDone
      (loop $causal2
        (br_if $causalDone (i32.gt_u (local.get $i) (local.get $last)))
        (local.set $prev (f64x2.add (f64x2.mul (v128.load (local.get $i)) (local.get $gv)) (f64x2.mul (local.get $zv) (local.get $prev))))
        (v128.store (local.get $i) (local.get $prev))
        (local.set $i (i32.add (local.get $i) (local.get $stride)))
        (br $causal2)))
    ;; anti-causal recursion, down to keepFrom
    (local.set $prev (f64x2.mul
      (f64x2.splat (f64.div (local.get $z) (f64.sub (f64.mul (local.get $z) (local.get $z)) (f64.const 1))))
      (f64x2.add (f64x2.mul (local.get $zv) (v128.load (i32.sub (local.get $last) (local.get $stride))))
                 (v128.load (local.get $last)))))
    (v128.store (local.get $last) (local.get $prev))
    (local.set $i (local.get $last))
    (local.set $n (i32.sub (i32.sub (local.get $length) (i32.const 1)) (local.get $keepFrom)))
    (block $antiDone
      (loop $anti
        (br_if $antiDone (i32.le_s (local.get $n) (i32.const 0)))
        (local.set $i (i32.sub (local.get $i) (local.get $stride)))
        (local.set $prev (f64x2.mul (local.get $zv) (f64x2.sub (local.get $prev) (v128.load (local.get $i)))))
        (v128.store (local.get $i) (local.get $prev))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $anti))))

  ;; `pairs` pairs of neighbouring columns (2·pairs float64 columns side by side from p), each column of
  ;; `length` samples `stride` bytes apart.
  (func (export "prefilterColumns") (param $p i32) (param $pairs i32) (param $stride i32) (param $length i32)
    (param $keepFrom i32) (param $z f64) (param $g f64) (param $horizon i32) (param $zpow f64)
    (block $done
      (loop $next
        (br_if $done (i32.le_s (local.get $pairs) (i32.const 0)))
        (call $prefilter (local.get $p) (local.get $stride) (local.get $length) (local.get $keepFrom)
          (local.get $z) (local.get $g) (local.get $horizon) (local.get $zpow))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $pairs (i32.sub (local.get $pairs) (i32.const 1)))
        (br $next))))

  ;; The rows of a slice (float64, ny rows of nx at `slice`), two at a time through `pair` (nx vectors):
  ;; prefiltered, then columns keepFrom … keepFrom + kept − 1 of row y are copied to dest + y·destStride, and
  ;; `padded` − kept zeros after them. An odd last row is paired with itself.
  (func (export "prefilterRows") (param $slice i32) (param $nx i32) (param $ny i32) (param $pair i32)
    (param $keepFrom i32) (param $kept i32) (param $padded i32) (param $dest i32) (param $destStride i32)
    (param $z f64) (param $g f64) (param $horizon i32) (param $zpow f64)
    (local $y i32) (local $ra i32) (local $rb i32) (local $x i32) (local $v v128) (local $da i32) (local $db i32)
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_s (local.get $y) (local.get $ny)))
        (local.set $ra (i32.add (local.get $slice) (i32.shl (i32.mul (local.get $y) (local.get $nx)) (i32.const 3))))
        (local.set $rb (select (i32.add (local.get $ra) (i32.shl (local.get $nx) (i32.const 3))) (local.get $ra)
          (i32.lt_s (i32.add (local.get $y) (i32.const 1)) (local.get $ny))))
        (local.set $x (i32.const 0))
        (loop $interleave
          (v128.store (i32.add (local.get $pair) (i32.shl (local.get $x) (i32.const 4)))
            (f64x2.replace_lane 1 (f64x2.splat (f64.load (i32.add (local.get $ra) (i32.shl (local.get $x) (i32.const 3)))))
              (f64.load (i32.add (local.get $rb) (i32.shl (local.get $x) (i32.const 3))))))
          (br_if $interleave (i32.lt_s (local.tee $x (i32.add (local.get $x) (i32.const 1))) (local.get $nx))))
        (call $prefilter (local.get $pair) (i32.const 16) (local.get $nx) (local.get $keepFrom)
          (local.get $z) (local.get $g) (local.get $horizon) (local.get $zpow))
        (local.set $da (i32.add (local.get $dest) (i32.mul (local.get $y) (local.get $destStride))))
        (local.set $db (select (i32.add (local.get $da) (local.get $destStride)) (local.get $da)
          (i32.lt_s (i32.add (local.get $y) (i32.const 1)) (local.get $ny))))
        (local.set $x (i32.const 0))
        (loop $copy
          (local.set $v (v128.load (i32.add (local.get $pair) (i32.shl (i32.add (local.get $keepFrom) (local.get $x)) (i32.const 4)))))
          (f64.store (i32.add (local.get $da) (i32.shl (local.get $x) (i32.const 3))) (f64x2.extract_lane 0 (local.get $v)))
          (f64.store (i32.add (local.get $db) (i32.shl (local.get $x) (i32.const 3))) (f64x2.extract_lane 1 (local.get $v)))
          (br_if $copy (i32.lt_s (local.tee $x (i32.add (local.get $x) (i32.const 1))) (local.get $kept))))
        (block $padDone
          (loop $pad
            (br_if $padDone (i32.ge_s (local.get $x) (local.get $padded)))
            (f64.store (i32.add (local.get $da) (i32.shl (local.get $x) (i32.const 3))) (f64.const 0))
            (f64.store (i32.add (local.get $db) (i32.shl (local.get $x) (i32.const 3))) (f64.const 0))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $pad)))
        (local.set $y (i32.add (local.get $y) (i32.const 2)))
        (br $rows))))
)
