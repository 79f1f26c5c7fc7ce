;; Householder reduction of a real symmetric matrix to tridiagonal form (EISPACK tred1, eigenvalues
;; only), as WebAssembly: the O(n³) part of the GLCM MCC (see symmetric-eigenvalues.ts).
;; Why: V8 neither vectorises nor drops the bounds checks of these loops; here the two O(n²) inner loops
;; of each step (the product of the remaining matrix with the Householder vector, and the rank-2 update)
;; run two elements at a time (f64x2). The update and the product's running vector are per-lane IEEE
;; operations (no fused multiply-add), rounding as scalar code; the product's dot products keep two
;; partial sums (even and odd k), i.e. they are reassociated: results move in the last bits only.
;; All pointers are byte offsets into the exported memory; arrays are float64.
;; Build: `npm run build:wasm` writes symmetric-eigenvalues.wasm.ts from this file.
(module
  (memory (export "memory") 1)

  ;; a: n×n row-major, lower triangle read and overwritten; d, e: length n (diagonal; sub-diagonal with
  ;; e[i] coupling i−1 and i, e[0] = 0); w: scratch of length n.
  (func $tridiagonalize (export "tridiagonalize") (param $a i32) (param $n i32) (param $d i32) (param $e i32) (param $w i32)
    (local $i i32) (local $l i32) (local $row i32) (local $rowBytes i32) (local $j i32) (local $k i32)
    (local $rj i32) (local $end i32) (local $p i32)
    (local $h f64) (local $scale f64) (local $f f64) (local $g f64) (local $hh f64) (local $s f64) (local $uj f64) (local $v f64)
    (local $s2 v128) (local $vv v128) (local $ujv v128) (local $fv v128) (local $gv v128)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 3)))
    (local.set $i (i32.sub (local.get $n) (i32.const 1)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.lt_s (local.get $i) (i32.const 1)))
        (local.set $l (i32.sub (local.get $i) (i32.const 1)))
        (local.set $row (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))))
        ;; $end: byte length of row[0..l]
        (local.set $end (i32.shl (local.get $i) (i32.const 3)))
        (local.set $h (f64.const 0))
        (if (i32.gt_s (local.get $l) (i32.const 0))
          (then
            (local.set $scale (f64.const 0))
            (local.set $k (i32.const 0))
            (block $d1 (loop $l1
              (br_if $d1 (i32.ge_u (local.get $k) (local.get $end)))
              (local.set $scale (f64.add (local.get $scale) (f64.abs (f64.load (i32.add (local.get $row) (local.get $k))))))
              (local.set $k (i32.add (local.get $k) (i32.const 8)))
              (br $l1)))
            (if (f64.eq (local.get $scale) (f64.const 0))
              (then
                (f64.store (i32.add (local.get $e) (i32.shl (local.get $i) (i32.const 3)))
                  (f64.load (i32.add (local.get $row) (i32.shl (local.get $l) (i32.const 3))))))
              (else
                ;; row /= scale; h = Σ row²
                (local.set $k (i32.const 0))
                (block $d2 (loop $l2
                  (br_if $d2 (i32.ge_u (local.get $k) (local.get $end)))
                  (local.set $p (i32.add (local.get $row) (local.get $k)))
                  (local.set $v (f64.div (f64.load (local.get $p)) (local.get $scale)))
                  (f64.store (local.get $p) (local.get $v))
                  (local.set $h (f64.add (local.get $h) (f64.mul (local.get $v) (local.get $v))))
                  (local.set $k (i32.add (local.get $k) (i32.const 8)))
                  (br $l2)))
                (local.set $p (i32.add (local.get $row) (i32.shl (local.get $l) (i32.const 3))))
                (local.set $f (f64.load (local.get $p)))
                (local.set $g (f64.sqrt (local.get $h)))
                (if (f64.ge (local.get $f) (f64.const 0)) (then (local.set $g (f64.neg (local.get $g)))))
                (f64.store (i32.add (local.get $e) (i32.shl (local.get $i) (i32.const 3))) (f64.mul (local.get $scale) (local.get $g)))
                (local.set $h (f64.sub (local.get $h) (f64.mul (local.get $f) (local.get $g))))
                (f64.store (local.get $p) (f64.sub (local.get $f) (local.get $g)))
                ;; w[0..l] = A u (A: lower triangle of a[0..l][0..l], u = row[0..l])
                (local.set $k (i32.const 0))
                (block $d3 (loop $l3
                  (br_if $d3 (i32.ge_u (local.get $k) (local.get $end)))
                  (f64.store (i32.add (local.get $w) (local.get $k)) (f64.const 0))
                  (local.set $k (i32.add (local.get $k) (i32.const 8)))
                  (br $l3)))
                (local.set $j (i32.const 0))
                (block $d4 (loop $l4
                  (br_if $d4 (i32.gt_s (local.get $j) (local.get $l)))
                  (local.set $rj (i32.add (local.get $a) (i32.mul (local.get $j) (local.get $rowBytes))))
                  (local.set $uj (f64.load (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 3)))))
                  (local.set $ujv (f64x2.splat (local.get $uj)))
                  (local.set $s2 (f64x2.splat (f64.const 0)))
                  ;; pairs k, k+1 < j
                  (local.set $p (i32.shl (i32.and (local.get $j) (i32.const -2)) (i32.const 3)))
                  (local.set $k (i32.const 0))
                  (block $d5 (loop $l5
                    (br_if $d5 (i32.ge_u (local.get $k) (local.get $p)))
                    (local.set $vv (v128.load (i32.add (local.get $rj) (local.get $k))))
                    (local.set $s2 (f64x2.add (local.get $s2)
                      (f64x2.mul (local.get $vv) (v128.load (i32.add (local.get $row) (local.get $k))))))
                    (v128.store (i32.add (local.get $w) (local.get $k))
                      (f64x2.add (v128.load (i32.add (local.get $w) (local.get $k))) (f64x2.mul (local.get $vv) (local.get $ujv))))
                    (local.set $k (i32.add (local.get $k) (i32.const 16)))
                    (br $l5)))
                  (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $s2)) (f64x2.extract_lane 1 (local.get $s2))))
                  (if (i32.and (local.get $j) (i32.const 1))
                    (then
                      (local.set $v (f64.load (i32.add (local.get $rj) (local.get $k))))
                      (local.set $s (f64.add (local.get $s) (f64.mul (local.get $v) (f64.load (i32.add (local.get $row) (local.get $k))))))
                      (f64.store (i32.add (local.get $w) (local.get $k))
                        (f64.add (f64.load (i32.add (local.get $w) (local.get $k))) (f64.mul (local.get $v) (local.get $uj))))))
                  (local.set $p (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 3))))
                  (f64.store (local.get $p)
                    (f64.add (f64.load (local.get $p))
                      (f64.add (local.get $s) (f64.mul (f64.load (i32.add (local.get $rj) (i32.shl (local.get $j) (i32.const 3)))) (local.get $uj)))))
                  (local.set $j (i32.add (local.get $j) (i32.const 1)))
                  (br $l4)))
                ;; e[j] = w[j] / h; f = Σ e[j] u[j]
                (local.set $f (f64.const 0))
                (local.set $k (i32.const 0))
                (block $d6 (loop $l6
                  (br_if $d6 (i32.ge_u (local.get $k) (local.get $end)))
                  (local.set $v (f64.div (f64.load (i32.add (local.get $w) (local.get $k))) (local.get $h)))
                  (f64.store (i32.add (local.get $e) (local.get $k)) (local.get $v))
                  (local.set $f (f64.add (local.get $f) (f64.mul (local.get $v) (f64.load (i32.add (local.get $row) (local.get $k))))))
                  (local.set $k (i32.add (local.get $k) (i32.const 8)))
                  (br $l6)))
                (local.set $hh (f64.div (local.get $f) (f64.add (local.get $h) (local.get $h))))
                ;; rank-2 update of the lower triangle: a[j][k] −= f·e[k] + g·u[k], k ≤ j
                (local.set $j (i32.const 0))
                (block $d7 (loop $l7
                  (br_if $d7 (i32.gt_s (local.get $j) (local.get $l)))
                  (local.set $rj (i32.add (local.get $a) (i32.mul (local.get $j) (local.get $rowBytes))))
                  (local.set $f (f64.load (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 3)))))
                  (local.set $p (i32.add (local.get $e) (i32.shl (local.get $j) (i32.const 3))))
                  (local.set $g (f64.sub (f64.load (local.get $p)) (f64.mul (local.get $hh) (local.get $f))))
                  (f64.store (local.get $p) (local.get $g))
                  (local.set $fv (f64x2.splat (local.get $f)))
                  (local.set $gv (f64x2.splat (local.get $g)))
                  ;; pairs k, k+1 ≤ j: (j+1) & ~1 elements
                  (local.set $p (i32.shl (i32.and (i32.add (local.get $j) (i32.const 1)) (i32.const -2)) (i32.const 3)))
                  (local.set $k (i32.const 0))
                  (block $d8 (loop $l8
                    (br_if $d8 (i32.ge_u (local.get $k) (local.get $p)))
                    (v128.store (i32.add (local.get $rj) (local.get $k))
                      (f64x2.sub (v128.load (i32.add (local.get $rj) (local.get $k)))
                        (f64x2.add (f64x2.mul (local.get $fv) (v128.load (i32.add (local.get $e) (local.get $k))))
                                   (f64x2.mul (local.get $gv) (v128.load (i32.add (local.get $row) (local.get $k)))))))
                    (local.set $k (i32.add (local.get $k) (i32.const 16)))
                    (br $l8)))
                  (if (i32.eqz (i32.and (local.get $j) (i32.const 1)))
                    (then
                      (local.set $p (i32.add (local.get $rj) (local.get $k)))
                      (f64.store (local.get $p)
                        (f64.sub (f64.load (local.get $p))
                          (f64.add (f64.mul (local.get $f) (f64.load (i32.add (local.get $e) (local.get $k))))
                                   (f64.mul (local.get $g) (f64.load (i32.add (local.get $row) (local.get $k)))))))))
                  (local.set $j (i32.add (local.get $j) (i32.const 1)))
                  (br $l7))))))
          (else
            (f64.store (i32.add (local.get $e) (i32.shl (local.get $i) (i32.const 3)))
              (f64.load (i32.add (local.get $row) (i32.shl (local.get $l) (i32.const 3)))))))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (br $rows)))
    (f64.store (local.get $e) (f64.const 0))
    (local.set $i (i32.const 0))
    (block $d9 (loop $l9
      (br_if $d9 (i32.ge_s (local.get $i) (local.get $n)))
      (f64.store (i32.add (local.get $d) (i32.shl (local.get $i) (i32.const 3)))
        (f64.load (i32.add (local.get $a) (i32.mul (local.get $i) (i32.add (local.get $rowBytes) (i32.const 8))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l9))))
)
