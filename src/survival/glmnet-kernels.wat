;; Inner loops of glmnet's Cox coordinate descent (see glmnet-sweep.ts), as WebAssembly.
;; Why: V8 does not vectorise and keeps bounds checks in these loops; here the element-wise updates
;; run two lanes at a time (f64x2) and every sum stays ONE sequential chain in index order, exactly
;; as glmnet's Fortran adds it (products and updates are per-lane IEEE operations, no fused
;; multiply-add, so each lane rounds as the scalar code does).
;; All pointers are byte offsets into the exported memory; arrays are float64, index lists int32.
;; Build: `npm run build:wasm` writes glmnet-kernels.wasm.ts from this file.
(module
  (memory (export "memory") 1)

  ;; Σ_i r_i·x_i, one chain in i order.
  (func $dot (export "dot") (param $r i32) (param $x i32) (param $n i32) (result f64)
    (local $s f64) (local $i i32) (local $end i32) (local $m v128)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $m (f64x2.mul (v128.load (i32.add (local.get $r) (local.get $i)))
                                 (v128.load (i32.add (local.get $x) (local.get $i)))))
        (local.set $s (f64.add (local.get $s) (f64x2.extract_lane 0 (local.get $m))))
        (local.set $s (f64.add (local.get $s) (f64x2.extract_lane 1 (local.get $m))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $next)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $s (f64.add (local.get $s)
          (f64.mul (f64.load (i32.add (local.get $r) (local.get $i)))
                   (f64.load (i32.add (local.get $x) (local.get $i))))))))
    (local.get $s))

  ;; After coordinate k moved by del: r_i ← r_i − del·w_i·xk_i and f_i ← f_i + del·xk_i (glmnet's
  ;; order of operations); then, if xc ≠ 0, returns Σ_i r_i·xc_i over the updated r (one chain).
  (func $updateDot (export "updateDot") (param $r i32) (param $w i32) (param $f i32) (param $xk i32) (param $del f64)
                             (param $xc i32) (param $n i32) (result f64)
    (local $s f64) (local $i i32) (local $end i32) (local $d v128) (local $xv v128) (local $rv v128) (local $m v128)
    (local $ri f64) (local $xi f64)
    (local.set $d (f64x2.splat (local.get $del)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (if (local.get $xc)
      (then
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
            (local.set $xv (v128.load (i32.add (local.get $xk) (local.get $i))))
            (local.set $rv (f64x2.sub (v128.load (i32.add (local.get $r) (local.get $i)))
                             (f64x2.mul (f64x2.mul (local.get $d) (v128.load (i32.add (local.get $w) (local.get $i))))
                                        (local.get $xv))))
            (v128.store (i32.add (local.get $r) (local.get $i)) (local.get $rv))
            (v128.store (i32.add (local.get $f) (local.get $i))
              (f64x2.add (v128.load (i32.add (local.get $f) (local.get $i))) (f64x2.mul (local.get $d) (local.get $xv))))
            (local.set $m (f64x2.mul (local.get $rv) (v128.load (i32.add (local.get $xc) (local.get $i)))))
            (local.set $s (f64.add (local.get $s) (f64x2.extract_lane 0 (local.get $m))))
            (local.set $s (f64.add (local.get $s) (f64x2.extract_lane 1 (local.get $m))))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $next))))
      (else
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
            (local.set $xv (v128.load (i32.add (local.get $xk) (local.get $i))))
            (v128.store (i32.add (local.get $r) (local.get $i))
              (f64x2.sub (v128.load (i32.add (local.get $r) (local.get $i)))
                (f64x2.mul (f64x2.mul (local.get $d) (v128.load (i32.add (local.get $w) (local.get $i))))
                           (local.get $xv))))
            (v128.store (i32.add (local.get $f) (local.get $i))
              (f64x2.add (v128.load (i32.add (local.get $f) (local.get $i))) (f64x2.mul (local.get $d) (local.get $xv))))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $next)))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $xi (f64.load (i32.add (local.get $xk) (local.get $i))))
        (local.set $ri (f64.sub (f64.load (i32.add (local.get $r) (local.get $i)))
                         (f64.mul (f64.mul (local.get $del) (f64.load (i32.add (local.get $w) (local.get $i))))
                                  (local.get $xi))))
        (f64.store (i32.add (local.get $r) (local.get $i)) (local.get $ri))
        (f64.store (i32.add (local.get $f) (local.get $i))
          (f64.add (f64.load (i32.add (local.get $f) (local.get $i))) (f64.mul (local.get $del) (local.get $xi))))
        (if (local.get $xc)
          (then
            (local.set $s (f64.add (local.get $s)
              (f64.mul (local.get $ri) (f64.load (i32.add (local.get $xc) (local.get $i))))))))))
    (local.get $s))

    ;; One pass of coordinate descent over the variables listed in list[0..len) (glmnet's coxnet1 inner
  ;; loop): gradient s = Σ r·x_j, u = a_j·v_j + s, soft-threshold by vp_j·sa, divide by v_j + vp_j·omal,
  ;; clamp to ±bound_j; on a change Δ: a_j ← new value, r and f updated (fused with the next gradient),
  ;; j appended to active[] the first time (isActive[j] marks it; activeCount points at the count).
  ;; Returns max v_j·Δ². Same operations in the same order as glmnet-sweep.ts describes.
  (func (export "sweep")
    (param $x i32) (param $n i32) (param $r i32) (param $w i32) (param $f i32)
    (param $a i32) (param $v i32) (param $vp i32) (param $bound i32)
    (param $isActive i32) (param $active i32) (param $activeCount i32)
    (param $list i32) (param $len i32) (param $sa f64) (param $omal f64) (result f64)
    (local $l i32) (local $j i32) (local $j8 i32) (local $pending i32) (local $pendingDel f64)
    (local $colBytes i32) (local $count i32) (local $xj i32)
    (local $s f64) (local $aj f64) (local $vj f64) (local $vpj f64) (local $u f64) (local $num f64)
    (local $bj f64) (local $at f64) (local $del f64) (local $change f64) (local $dli f64)
    (local.set $colBytes (i32.shl (local.get $n) (i32.const 3)))
    (local.set $pending (i32.const -1))
    (local.set $count (i32.load (local.get $activeCount)))
    (block $end
      (loop $next
        (br_if $end (i32.ge_s (local.get $l) (local.get $len)))
        (local.set $j (i32.load (i32.add (local.get $list) (i32.shl (local.get $l) (i32.const 2)))))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (local.set $j8 (i32.shl (local.get $j) (i32.const 3)))
        (local.set $xj (i32.add (local.get $x) (i32.mul (local.get $j) (local.get $colBytes))))
        (if (i32.ge_s (local.get $pending) (i32.const 0))
          (then
            (local.set $s (call $updateDot (local.get $r) (local.get $w) (local.get $f)
              (i32.add (local.get $x) (i32.mul (local.get $pending) (local.get $colBytes)))
              (local.get $pendingDel) (local.get $xj) (local.get $n)))
            (local.set $pending (i32.const -1)))
          (else
            (local.set $s (call $dot (local.get $r) (local.get $xj) (local.get $n)))))
        (local.set $aj (f64.load (i32.add (local.get $a) (local.get $j8))))
        (local.set $vj (f64.load (i32.add (local.get $v) (local.get $j8))))
        (local.set $vpj (f64.load (i32.add (local.get $vp) (local.get $j8))))
        (local.set $u (f64.add (f64.mul (local.get $aj) (local.get $vj)) (local.get $s)))
        (local.set $at (f64.const 0))
        (if (f64.gt (f64.abs (local.get $u)) (f64.mul (local.get $vpj) (local.get $sa)))
          (then
            (local.set $num (f64.sub (f64.abs (local.get $u)) (f64.mul (local.get $vpj) (local.get $sa))))
            (local.set $bj (f64.load (i32.add (local.get $bound) (local.get $j8))))
            (local.set $at
              (f64.max (f64.neg (local.get $bj))
                (f64.min (local.get $bj)
                  (f64.div (select (f64.neg (local.get $num)) (local.get $num) (f64.lt (local.get $u) (f64.const 0)))
                           (f64.add (local.get $vj) (f64.mul (local.get $vpj) (local.get $omal)))))))))
        (br_if $next (f64.eq (local.get $at) (local.get $aj)))
        (local.set $del (f64.sub (local.get $at) (local.get $aj)))
        (f64.store (i32.add (local.get $a) (local.get $j8)) (local.get $at))
        (local.set $change (f64.mul (local.get $vj) (f64.mul (local.get $del) (local.get $del))))
        (if (f64.gt (local.get $change) (local.get $dli)) (then (local.set $dli (local.get $change))))
        (local.set $pending (local.get $j))
        (local.set $pendingDel (local.get $del))
        (if (i32.eqz (i32.load (i32.add (local.get $isActive) (i32.shl (local.get $j) (i32.const 2)))))
          (then
            (i32.store (i32.add (local.get $isActive) (i32.shl (local.get $j) (i32.const 2))) (i32.const 1))
            (i32.store (i32.add (local.get $active) (i32.shl (local.get $count) (i32.const 2))) (local.get $j))
            (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        (br $next)))
    (if (i32.ge_s (local.get $pending) (i32.const 0))
      (then
        (drop (call $updateDot (local.get $r) (local.get $w) (local.get $f)
          (i32.add (local.get $x) (i32.mul (local.get $pending) (local.get $colBytes)))
          (local.get $pendingDel) (i32.const 0) (local.get $n)))))
    (i32.store (local.get $activeCount) (local.get $count))
    (local.get $dli))

  ;; out[c] = Σ_i r_i·x_{i,c} (or Σ_i r_i·(x_{i,c}·x_{i,c}) when squared ≠ 0) for each column index c
  ;; in cols[0..count); x is n × p column-major. Each sum is one chain in i order; two columns share
  ;; a register (one per lane) and two such pairs advance together.
  (func (export "columnSums") (param $r i32) (param $x i32) (param $n i32) (param $cols i32) (param $count i32)
                              (param $out i32) (param $squared i32)
    (local $l i32) (local $i i32) (local $stride i32) (local $end i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $s01 v128) (local $s23 v128) (local $v01 v128) (local $v23 v128) (local $rv v128)
    (local $s f64) (local $xi f64)
    (local.set $stride (i32.shl (local.get $n) (i32.const 3)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    ;; four columns at a time
    (block $quads
      (loop $quad
        (br_if $quads (i32.gt_s (i32.add (local.get $l) (i32.const 4)) (local.get $count)))
        (local.set $p0 (i32.add (local.get $x) (i32.mul (i32.load (i32.add (local.get $cols) (i32.shl (local.get $l) (i32.const 2)))) (local.get $stride))))
        (local.set $p1 (i32.add (local.get $x) (i32.mul (i32.load offset=4 (i32.add (local.get $cols) (i32.shl (local.get $l) (i32.const 2)))) (local.get $stride))))
        (local.set $p2 (i32.add (local.get $x) (i32.mul (i32.load offset=8 (i32.add (local.get $cols) (i32.shl (local.get $l) (i32.const 2)))) (local.get $stride))))
        (local.set $p3 (i32.add (local.get $x) (i32.mul (i32.load offset=12 (i32.add (local.get $cols) (i32.shl (local.get $l) (i32.const 2)))) (local.get $stride))))
        (local.set $s01 (v128.const f64x2 0 0))
        (local.set $s23 (v128.const f64x2 0 0))
        (local.set $i (i32.const 0))
        (block $rows
          (loop $row
            (br_if $rows (i32.ge_u (local.get $i) (local.get $end)))
            (local.set $rv (v128.load64_splat (i32.add (local.get $r) (local.get $i))))
            (local.set $v01 (f64x2.replace_lane 1 (v128.load64_zero (i32.add (local.get $p0) (local.get $i)))
                                                  (f64.load (i32.add (local.get $p1) (local.get $i)))))
            (local.set $v23 (f64x2.replace_lane 1 (v128.load64_zero (i32.add (local.get $p2) (local.get $i)))
                                                  (f64.load (i32.add (local.get $p3) (local.get $i)))))
            (if (local.get $squared)
              (then
                (local.set $v01 (f64x2.mul (local.get $v01) (local.get $v01)))
                (local.set $v23 (f64x2.mul (local.get $v23) (local.get $v23)))))
            (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $rv) (local.get $v01))))
            (local.set $s23 (f64x2.add (local.get $s23) (f64x2.mul (local.get $rv) (local.get $v23))))
            (local.set $i (i32.add (local.get $i) (i32.const 8)))
            (br $row)))
        (f64.store (i32.add (local.get $out) (i32.shl (i32.load (i32.add (local.get $cols) (i32.shl (local.get $l) (i32.const 2)))) (i32.const 3)))
                   (f64x2.extract_lane 0 (local.get $s01)))
        (f64.store (i32.add (local.get $out) (i32.shl (i32.load offset=4 (i32.add (local.get $cols) (i32.shl (local.get $l) (i32.const 2)))) (i32.const 3)))
                   (f64x2.extract_lane 1 (local.get $s01)))
        (f64.store (i32.add (local.get $out) (i32.shl (i32.load offset=8 (i32.add (local.get $cols) (i32.shl (local.get $l) (i32.const 2)))) (i32.const 3)))
                   (f64x2.extract_lane 0 (local.get $s23)))
        (f64.store (i32.add (local.get $out) (i32.shl (i32.load offset=12 (i32.add (local.get $cols) (i32.shl (local.get $l) (i32.const 2)))) (i32.const 3)))
                   (f64x2.extract_lane 1 (local.get $s23)))
        (local.set $l (i32.add (local.get $l) (i32.const 4)))
        (br $quad)))
    ;; the remaining columns one at a time
    (block $singles
      (loop $single
        (br_if $singles (i32.ge_s (local.get $l) (local.get $count)))
        (local.set $p0 (i32.add (local.get $x) (i32.mul (i32.load (i32.add (local.get $cols) (i32.shl (local.get $l) (i32.const 2)))) (local.get $stride))))
        (local.set $s (f64.const 0))
        (local.set $i (i32.const 0))
        (block $rows
          (loop $row
            (br_if $rows (i32.ge_u (local.get $i) (local.get $end)))
            (local.set $xi (f64.load (i32.add (local.get $p0) (local.get $i))))
            (if (local.get $squared) (then (local.set $xi (f64.mul (local.get $xi) (local.get $xi)))))
            (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (i32.add (local.get $r) (local.get $i))) (local.get $xi))))
            (local.set $i (i32.add (local.get $i) (i32.const 8)))
            (br $row)))
        (f64.store (i32.add (local.get $out) (i32.shl (i32.load (i32.add (local.get $cols) (i32.shl (local.get $l) (i32.const 2)))) (i32.const 3)))
                   (local.get $s))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br $single)))
  )
)
