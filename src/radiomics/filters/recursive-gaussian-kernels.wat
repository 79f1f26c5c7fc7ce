;; ITK's recursive Gaussian line filter (recursiveGaussian.ts: filterLine / filterInterleavedLines)
;; as WebAssembly, two lines per f64x2 vector. Every lane does the scalar code's operations in the
;; scalar code's order (separate multiplies and adds, no fused multiply-add, sums left to right), so
;; each line's results are bit-identical to filterLine's.
;;
;; Volumes are float32 (ITK's float images) in the exported memory; the filter runs in double.
;; `pass` filters `outer` groups of W lines of length ln; in group k, element i of line w is at byte
;; src + k·os + i·es + w·ls (same layout in dst; src may be float64 instead, srcF64 = 1). Lines are taken `wb` at a time: their samples are
;; widened into the scratch X (row i holds the P = wb rounded up to even lines side by side), the
;; causal pass fills C, the anti-causal pass overwrites C row by row with its own values and puts
;; the rounded sums in the float32 scratch Y, which is then written to dst (mode 0: dst = y;
;; mode 1: dst = float32(dst + y·scale), LoG's accumulation in double).
;; Coefficients: 20 doubles at `coef`: n0 n1 n2 n3 d1 d2 d3 d4 m1 m2 m3 m4 bn1 bn2 bn3 bn4 bm1 bm2 bm3 bm4.
;; Build: `npm run build:wasm` writes recursive-gaussian-kernels.wasm.ts from this file.
(module
  (memory (export "memory") 1)

  ;; X[i][w] = double(src[i·es + w·ls]) for i < ln, w < wc (src float32, or float64 when f64 ≠ 0);
  ;; the pad lane of an odd wc is 0.
  (func $gather (param $src i32) (param $es i32) (param $ls i32) (param $wc i32) (param $ln i32)
                (param $X i32) (param $rowB i32) (param $f64 i32)
    (local $i i32) (local $s i32) (local $x i32) (local $end i32) (local $ls2 i32) (local $kind i32)
    ;; kind: 0 float32 adjacent, 1 float32 strided, 2 float64 adjacent, 3 float64 strided.
    (local.set $kind (i32.add (i32.shl (local.get $f64) (i32.const 1))
      (i32.ne (local.get $ls) (select (i32.const 8) (i32.const 4) (local.get $f64)))))
    (local.set $ls2 (i32.shl (local.get $ls) (i32.const 1)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $ln)))
        (local.set $s (i32.add (local.get $src) (i32.mul (local.get $i) (local.get $es))))
        (local.set $x (i32.add (local.get $X) (i32.mul (local.get $i) (local.get $rowB))))
        ;; pairs of lines: x advances 16 bytes, s two elements
        (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $wc) (i32.const -2)) (i32.const 3))))
        (block $done (block $k3 (block $k2 (block $k1 (block $k0
          (br_table $k0 $k1 $k2 $k3 (local.get $kind)))
          (block $d (loop $l
            (br_if $d (i32.ge_u (local.get $x) (local.get $end)))
            (v128.store (local.get $x) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $s))))
            (local.set $x (i32.add (local.get $x) (i32.const 16)))
            (local.set $s (i32.add (local.get $s) (local.get $ls2)))
            (br $l)))
          (br $done))
          (block $d (loop $l
            (br_if $d (i32.ge_u (local.get $x) (local.get $end)))
            (v128.store (local.get $x)
              (f64x2.replace_lane 1 (f64x2.splat (f64.promote_f32 (f32.load (local.get $s))))
                (f64.promote_f32 (f32.load (i32.add (local.get $s) (local.get $ls))))))
            (local.set $x (i32.add (local.get $x) (i32.const 16)))
            (local.set $s (i32.add (local.get $s) (local.get $ls2)))
            (br $l)))
          (br $done))
          (block $d (loop $l
            (br_if $d (i32.ge_u (local.get $x) (local.get $end)))
            (v128.store (local.get $x) (v128.load (local.get $s)))
            (local.set $x (i32.add (local.get $x) (i32.const 16)))
            (local.set $s (i32.add (local.get $s) (local.get $ls2)))
            (br $l)))
          (br $done))
        (block $d (loop $l
          (br_if $d (i32.ge_u (local.get $x) (local.get $end)))
          (v128.store (local.get $x)
            (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $s))) (f64.load (i32.add (local.get $s) (local.get $ls)))))
          (local.set $x (i32.add (local.get $x) (i32.const 16)))
          (local.set $s (i32.add (local.get $s) (local.get $ls2)))
          (br $l))))
        ;; odd wc: the last line and a zero pad lane
        (if (i32.and (local.get $wc) (i32.const 1))
          (then
            (v128.store (local.get $x) (f64x2.replace_lane 0 (v128.const i64x2 0 0)
              (if (result f64) (local.get $f64)
                (then (f64.load (local.get $s)))
                (else (f64.promote_f32 (f32.load (local.get $s)))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; dst[i·es + w·ls] = Y[i][w] (mode 0) or float32(dst + Y[i][w]·scale) (mode 1), for i < ln, w < wc.
  (func $scatter (param $dst i32) (param $es i32) (param $ls i32) (param $wc i32) (param $ln i32)
                 (param $Y i32) (param $rowY i32) (param $mode i32) (param $scale f64)
    (local $i i32) (local $d i32) (local $y i32) (local $end i32) (local $sv v128) (local $ls2 i32) (local $kind i32)
    (local $v v128)
    (local.set $sv (f64x2.splat (local.get $scale)))
    (local.set $ls2 (i32.shl (local.get $ls) (i32.const 1)))
    ;; kind: 0 store adjacent, 1 store strided, 2 accumulate adjacent, 3 accumulate strided.
    (local.set $kind (i32.add (i32.shl (local.get $mode) (i32.const 1)) (i32.ne (local.get $ls) (i32.const 4))))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $ln)))
        (local.set $d (i32.add (local.get $dst) (i32.mul (local.get $i) (local.get $es))))
        (local.set $y (i32.add (local.get $Y) (i32.mul (local.get $i) (local.get $rowY))))
        (local.set $end (i32.add (local.get $y) (i32.shl (i32.and (local.get $wc) (i32.const -2)) (i32.const 2))))
        (block $done (block $k3 (block $k2 (block $k1 (block $k0
          (br_table $k0 $k1 $k2 $k3 (local.get $kind)))
          (block $d (loop $l
            (br_if $d (i32.ge_u (local.get $y) (local.get $end)))
            (i64.store (local.get $d) (i64.load (local.get $y)))
            (local.set $y (i32.add (local.get $y) (i32.const 8)))
            (local.set $d (i32.add (local.get $d) (local.get $ls2)))
            (br $l)))
          (br $done))
          (block $d (loop $l
            (br_if $d (i32.ge_u (local.get $y) (local.get $end)))
            (f32.store (local.get $d) (f32.load (local.get $y)))
            (f32.store (i32.add (local.get $d) (local.get $ls)) (f32.load offset=4 (local.get $y)))
            (local.set $y (i32.add (local.get $y) (i32.const 8)))
            (local.set $d (i32.add (local.get $d) (local.get $ls2)))
            (br $l)))
          (br $done))
          (block $d (loop $l
            (br_if $d (i32.ge_u (local.get $y) (local.get $end)))
            (v128.store64_lane 0 (local.get $d) (f32x4.demote_f64x2_zero
              (f64x2.add (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $d)))
                (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $y))) (local.get $sv)))))
            (local.set $y (i32.add (local.get $y) (i32.const 8)))
            (local.set $d (i32.add (local.get $d) (local.get $ls2)))
            (br $l)))
          (br $done))
        (block $d (loop $l
          (br_if $d (i32.ge_u (local.get $y) (local.get $end)))
          ;; both lanes as one vector: gather the two dst values, accumulate, scatter
          (local.set $v (f32x4.demote_f64x2_zero
            (f64x2.add
              (f64x2.replace_lane 1 (f64x2.splat (f64.promote_f32 (f32.load (local.get $d))))
                (f64.promote_f32 (f32.load (i32.add (local.get $d) (local.get $ls)))))
              (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $y))) (local.get $sv)))))
          (v128.store32_lane 0 (local.get $d) (local.get $v))
          (v128.store32_lane 1 (i32.add (local.get $d) (local.get $ls)) (local.get $v))
          (local.set $y (i32.add (local.get $y) (i32.const 8)))
          (local.set $d (i32.add (local.get $d) (local.get $ls2)))
          (br $l))))
        ;; odd wc: the last line
        (if (i32.and (local.get $wc) (i32.const 1))
          (then
            (if (local.get $mode)
              (then (call $accumulate (local.get $d) (f32.load (local.get $y)) (local.get $scale)))
              (else (f32.store (local.get $d) (f32.load (local.get $y)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; *a = float32(*a + y·scale), in double.
  (func $accumulate (param $a i32) (param $y f32) (param $scale f64)
    (f32.store (local.get $a)
      (f32.demote_f64 (f64.add (f64.promote_f32 (f32.load (local.get $a)))
                               (f64.mul (f64.promote_f32 (local.get $y)) (local.get $scale))))))

  ;; Causal and anti-causal passes over the P lines held in X (rows of rowB bytes), ln ≥ 4.
  (func $recurse (param $X i32) (param $C i32) (param $Y i32) (param $rowB i32) (param $ln i32) (param $coef i32)
    (local $n0 v128) (local $n1 v128) (local $n2 v128) (local $n3 v128)
    (local $d1 v128) (local $d2 v128) (local $d3 v128) (local $d4 v128)
    (local $b1 v128) (local $b2 v128) (local $b3 v128) (local $b4 v128)
    (local $v v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $o0 v128) (local $o1 v128) (local $o2 v128) (local $o3 v128)
    (local $b i32) (local $i i32) (local $p i32) (local $c i32) (local $y i32) (local $rowY i32) (local $end i32)
    (local.set $rowY (i32.shr_u (local.get $rowB) (i32.const 1)))
    (local.set $n0 (f64x2.splat (f64.load offset=0 (local.get $coef))))
    (local.set $n1 (f64x2.splat (f64.load offset=8 (local.get $coef))))
    (local.set $n2 (f64x2.splat (f64.load offset=16 (local.get $coef))))
    (local.set $n3 (f64x2.splat (f64.load offset=24 (local.get $coef))))
    (local.set $d1 (f64x2.splat (f64.load offset=32 (local.get $coef))))
    (local.set $d2 (f64x2.splat (f64.load offset=40 (local.get $coef))))
    (local.set $d3 (f64x2.splat (f64.load offset=48 (local.get $coef))))
    (local.set $d4 (f64x2.splat (f64.load offset=56 (local.get $coef))))
    (local.set $b1 (f64x2.splat (f64.load offset=96 (local.get $coef))))
    (local.set $b2 (f64x2.splat (f64.load offset=104 (local.get $coef))))
    (local.set $b3 (f64x2.splat (f64.load offset=112 (local.get $coef))))
    (local.set $b4 (f64x2.splat (f64.load offset=120 (local.get $coef))))
    ;; Causal pass, rows 0-3: the edge value v repeated to -infinity.
    (local.set $b (i32.const 0))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $b) (local.get $rowB)))
      (local.set $p (i32.add (local.get $X) (local.get $b)))
      (local.set $v (v128.load (local.get $p)))
      (local.set $x1 (v128.load (i32.add (local.get $p) (local.get $rowB))))
      (local.set $x2 (v128.load (i32.add (local.get $p) (i32.shl (local.get $rowB) (i32.const 1)))))
      (local.set $x3 (v128.load (i32.add (local.get $p) (i32.mul (local.get $rowB) (i32.const 3)))))
      ;; o0 = v·n0 + v·n1 + v·n2 + v·n3 − (v·bn1 + v·bn2 + v·bn3 + v·bn4)
      (local.set $o0 (f64x2.sub
        (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $v) (local.get $n0)) (f64x2.mul (local.get $v) (local.get $n1)))
                               (f64x2.mul (local.get $v) (local.get $n2))) (f64x2.mul (local.get $v) (local.get $n3)))
        (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $v) (local.get $b1)) (f64x2.mul (local.get $v) (local.get $b2)))
                               (f64x2.mul (local.get $v) (local.get $b3))) (f64x2.mul (local.get $v) (local.get $b4)))))
      ;; o1 = x1·n0 + v·n1 + v·n2 + v·n3 − (o0·d1 + v·bn2 + v·bn3 + v·bn4)
      (local.set $o1 (f64x2.sub
        (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $x1) (local.get $n0)) (f64x2.mul (local.get $v) (local.get $n1)))
                               (f64x2.mul (local.get $v) (local.get $n2))) (f64x2.mul (local.get $v) (local.get $n3)))
        (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $o0) (local.get $d1)) (f64x2.mul (local.get $v) (local.get $b2)))
                               (f64x2.mul (local.get $v) (local.get $b3))) (f64x2.mul (local.get $v) (local.get $b4)))))
      ;; o2 = x2·n0 + x1·n1 + v·n2 + v·n3 − (o1·d1 + o0·d2 + v·bn3 + v·bn4)
      (local.set $o2 (f64x2.sub
        (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $x2) (local.get $n0)) (f64x2.mul (local.get $x1) (local.get $n1)))
                               (f64x2.mul (local.get $v) (local.get $n2))) (f64x2.mul (local.get $v) (local.get $n3)))
        (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $o1) (local.get $d1)) (f64x2.mul (local.get $o0) (local.get $d2)))
                               (f64x2.mul (local.get $v) (local.get $b3))) (f64x2.mul (local.get $v) (local.get $b4)))))
      ;; o3 = x3·n0 + x2·n1 + x1·n2 + v·n3 − (o2·d1 + o1·d2 + o0·d3 + v·bn4)
      (local.set $o3 (f64x2.sub
        (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $x3) (local.get $n0)) (f64x2.mul (local.get $x2) (local.get $n1)))
                               (f64x2.mul (local.get $x1) (local.get $n2))) (f64x2.mul (local.get $v) (local.get $n3)))
        (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $o2) (local.get $d1)) (f64x2.mul (local.get $o1) (local.get $d2)))
                               (f64x2.mul (local.get $o0) (local.get $d3))) (f64x2.mul (local.get $v) (local.get $b4)))))
      (local.set $c (i32.add (local.get $C) (local.get $b)))
      (v128.store (local.get $c) (local.get $o0))
      (v128.store (i32.add (local.get $c) (local.get $rowB)) (local.get $o1))
      (v128.store (i32.add (local.get $c) (i32.shl (local.get $rowB) (i32.const 1))) (local.get $o2))
      (v128.store (i32.add (local.get $c) (i32.mul (local.get $rowB) (i32.const 3))) (local.get $o3))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (br $l)))
    ;; Causal pass, rows 4 … ln−1: o[i] = x[i]·n0 + x[i−1]·n1 + x[i−2]·n2 + x[i−3]·n3
    ;;                                    − (o[i−1]·d1 + o[i−2]·d2 + o[i−3]·d3 + o[i−4]·d4).
    (local.set $i (i32.const 4))
    (block $rowsDone (loop $rows
      (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $ln)))
      (local.set $p (i32.add (local.get $X) (i32.mul (local.get $i) (local.get $rowB))))
      (local.set $c (i32.add (local.get $C) (i32.mul (local.get $i) (local.get $rowB))))
      (local.set $end (i32.add (local.get $p) (local.get $rowB)))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $p) (local.get $end)))
        (v128.store (local.get $c) (f64x2.sub
          (f64x2.add (f64x2.add (f64x2.add
            (f64x2.mul (v128.load (local.get $p)) (local.get $n0))
            (f64x2.mul (v128.load (i32.sub (local.get $p) (local.get $rowB))) (local.get $n1)))
            (f64x2.mul (v128.load (i32.sub (local.get $p) (i32.shl (local.get $rowB) (i32.const 1)))) (local.get $n2)))
            (f64x2.mul (v128.load (i32.sub (local.get $p) (i32.mul (local.get $rowB) (i32.const 3)))) (local.get $n3)))
          (f64x2.add (f64x2.add (f64x2.add
            (f64x2.mul (v128.load (i32.sub (local.get $c) (local.get $rowB))) (local.get $d1))
            (f64x2.mul (v128.load (i32.sub (local.get $c) (i32.shl (local.get $rowB) (i32.const 1)))) (local.get $d2)))
            (f64x2.mul (v128.load (i32.sub (local.get $c) (i32.mul (local.get $rowB) (i32.const 3)))) (local.get $d3)))
            (f64x2.mul (v128.load (i32.sub (local.get $c) (i32.shl (local.get $rowB) (i32.const 2)))) (local.get $d4)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $l)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows)))
    ;; Anti-causal coefficients take the causal ones' registers: n0…n3 ← m1…m4, b1…b4 ← bm1…bm4.
    (local.set $n0 (f64x2.splat (f64.load offset=64 (local.get $coef))))
    (local.set $n1 (f64x2.splat (f64.load offset=72 (local.get $coef))))
    (local.set $n2 (f64x2.splat (f64.load offset=80 (local.get $coef))))
    (local.set $n3 (f64x2.splat (f64.load offset=88 (local.get $coef))))
    (local.set $b1 (f64x2.splat (f64.load offset=128 (local.get $coef))))
    (local.set $b2 (f64x2.splat (f64.load offset=136 (local.get $coef))))
    (local.set $b3 (f64x2.splat (f64.load offset=144 (local.get $coef))))
    (local.set $b4 (f64x2.splat (f64.load offset=152 (local.get $coef))))
    ;; Anti-causal pass, rows ln−1 … ln−4: the edge value u (here $v) repeated to +infinity;
    ;; $x1 = x[ln−2], $x2 = x[ln−3]; s0…s3 (here $o0…$o3) are s[ln−1] … s[ln−4].
    (local.set $b (i32.const 0))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $b) (local.get $rowB)))
      (local.set $p (i32.add (i32.add (local.get $X) (i32.mul (i32.sub (local.get $ln) (i32.const 1)) (local.get $rowB))) (local.get $b)))
      (local.set $v (v128.load (local.get $p)))
      (local.set $x1 (v128.load (i32.sub (local.get $p) (local.get $rowB))))
      (local.set $x2 (v128.load (i32.sub (local.get $p) (i32.shl (local.get $rowB) (i32.const 1)))))
      ;; s0 = u·m1 + u·m2 + u·m3 + u·m4 − (u·bm1 + u·bm2 + u·bm3 + u·bm4)
      (local.set $o0 (f64x2.sub
        (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $v) (local.get $n0)) (f64x2.mul (local.get $v) (local.get $n1)))
                               (f64x2.mul (local.get $v) (local.get $n2))) (f64x2.mul (local.get $v) (local.get $n3)))
        (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $v) (local.get $b1)) (f64x2.mul (local.get $v) (local.get $b2)))
                               (f64x2.mul (local.get $v) (local.get $b3))) (f64x2.mul (local.get $v) (local.get $b4)))))
      ;; s1 = u·m1 + u·m2 + u·m3 + u·m4 − (s0·d1 + u·bm2 + u·bm3 + u·bm4)
      (local.set $o1 (f64x2.sub
        (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $v) (local.get $n0)) (f64x2.mul (local.get $v) (local.get $n1)))
                               (f64x2.mul (local.get $v) (local.get $n2))) (f64x2.mul (local.get $v) (local.get $n3)))
        (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $o0) (local.get $d1)) (f64x2.mul (local.get $v) (local.get $b2)))
                               (f64x2.mul (local.get $v) (local.get $b3))) (f64x2.mul (local.get $v) (local.get $b4)))))
      ;; s2 = x[ln−2]·m1 + u·m2 + u·m3 + u·m4 − (s1·d1 + s0·d2 + u·bm3 + u·bm4)
      (local.set $o2 (f64x2.sub
        (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $x1) (local.get $n0)) (f64x2.mul (local.get $v) (local.get $n1)))
                               (f64x2.mul (local.get $v) (local.get $n2))) (f64x2.mul (local.get $v) (local.get $n3)))
        (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $o1) (local.get $d1)) (f64x2.mul (local.get $o0) (local.get $d2)))
                               (f64x2.mul (local.get $v) (local.get $b3))) (f64x2.mul (local.get $v) (local.get $b4)))))
      ;; s3 = x[ln−3]·m1 + x[ln−2]·m2 + u·m3 + u·m4 − (s2·d1 + s1·d2 + s0·d3 + u·bm4)
      (local.set $o3 (f64x2.sub
        (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $x2) (local.get $n0)) (f64x2.mul (local.get $x1) (local.get $n1)))
                               (f64x2.mul (local.get $v) (local.get $n2))) (f64x2.mul (local.get $v) (local.get $n3)))
        (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $o2) (local.get $d1)) (f64x2.mul (local.get $o1) (local.get $d2)))
                               (f64x2.mul (local.get $o0) (local.get $d3))) (f64x2.mul (local.get $v) (local.get $b4)))))
      ;; Y[row] = float32(causal + anti-causal); C[row] ← anti-causal value.
      (local.set $c (i32.add (i32.add (local.get $C) (i32.mul (i32.sub (local.get $ln) (i32.const 1)) (local.get $rowB))) (local.get $b)))
      (local.set $y (i32.add (i32.add (local.get $Y) (i32.mul (i32.sub (local.get $ln) (i32.const 1)) (local.get $rowY)))
                             (i32.shr_u (local.get $b) (i32.const 1))))
      (v128.store64_lane 0 (local.get $y) (f32x4.demote_f64x2_zero (f64x2.add (v128.load (local.get $c)) (local.get $o0))))
      (v128.store (local.get $c) (local.get $o0))
      (local.set $c (i32.sub (local.get $c) (local.get $rowB)))
      (local.set $y (i32.sub (local.get $y) (local.get $rowY)))
      (v128.store64_lane 0 (local.get $y) (f32x4.demote_f64x2_zero (f64x2.add (v128.load (local.get $c)) (local.get $o1))))
      (v128.store (local.get $c) (local.get $o1))
      (local.set $c (i32.sub (local.get $c) (local.get $rowB)))
      (local.set $y (i32.sub (local.get $y) (local.get $rowY)))
      (v128.store64_lane 0 (local.get $y) (f32x4.demote_f64x2_zero (f64x2.add (v128.load (local.get $c)) (local.get $o2))))
      (v128.store (local.get $c) (local.get $o2))
      (local.set $c (i32.sub (local.get $c) (local.get $rowB)))
      (local.set $y (i32.sub (local.get $y) (local.get $rowY)))
      (v128.store64_lane 0 (local.get $y) (f32x4.demote_f64x2_zero (f64x2.add (v128.load (local.get $c)) (local.get $o3))))
      (v128.store (local.get $c) (local.get $o3))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (br $l)))
    ;; Anti-causal pass, i = ln−4 … 1: s[i−1] = x[i]·m1 + x[i+1]·m2 + x[i+2]·m3 + x[i+3]·m4
    ;;                                         − (s[i]·d1 + s[i+1]·d2 + s[i+2]·d3 + s[i+3]·d4),
    ;; Y[i−1] = float32(o[i−1] + s[i−1]); s[i−1] replaces o[i−1] in C.
    (local.set $i (i32.sub (local.get $ln) (i32.const 4)))
    (block $rowsDone (loop $rows
      (br_if $rowsDone (i32.lt_s (local.get $i) (i32.const 1)))
      (local.set $p (i32.add (local.get $X) (i32.mul (local.get $i) (local.get $rowB))))
      (local.set $c (i32.add (local.get $C) (i32.mul (local.get $i) (local.get $rowB))))
      (local.set $y (i32.add (local.get $Y) (i32.mul (i32.sub (local.get $i) (i32.const 1)) (local.get $rowY))))
      (local.set $end (i32.add (local.get $p) (local.get $rowB)))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $o0 (f64x2.sub
          (f64x2.add (f64x2.add (f64x2.add
            (f64x2.mul (v128.load (local.get $p)) (local.get $n0))
            (f64x2.mul (v128.load (i32.add (local.get $p) (local.get $rowB))) (local.get $n1)))
            (f64x2.mul (v128.load (i32.add (local.get $p) (i32.shl (local.get $rowB) (i32.const 1)))) (local.get $n2)))
            (f64x2.mul (v128.load (i32.add (local.get $p) (i32.mul (local.get $rowB) (i32.const 3)))) (local.get $n3)))
          (f64x2.add (f64x2.add (f64x2.add
            (f64x2.mul (v128.load (local.get $c)) (local.get $d1))
            (f64x2.mul (v128.load (i32.add (local.get $c) (local.get $rowB))) (local.get $d2)))
            (f64x2.mul (v128.load (i32.add (local.get $c) (i32.shl (local.get $rowB) (i32.const 1)))) (local.get $d3)))
            (f64x2.mul (v128.load (i32.add (local.get $c) (i32.mul (local.get $rowB) (i32.const 3)))) (local.get $d4)))))
        (local.set $o1 (v128.load (i32.sub (local.get $c) (local.get $rowB))))
        (v128.store64_lane 0 (local.get $y) (f32x4.demote_f64x2_zero (f64x2.add (local.get $o1) (local.get $o0))))
        (v128.store (i32.sub (local.get $c) (local.get $rowB)) (local.get $o0))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 8)))
        (br $l)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br $rows))))

  ;; One separable pass (see the header). src and dst point at element 0 of line 0 of group 0; dst's
  ;; strides are src's over 2 when src is float64. X, C (ln·P doubles) and Y (ln·P floats) are scratch.
  (func (export "pass")
    (param $src i32) (param $dst i32) (param $W i32) (param $ln i32) (param $es i32) (param $ls i32)
    (param $outer i32) (param $os i32) (param $wb i32) (param $X i32) (param $C i32) (param $Y i32)
    (param $mode i32) (param $scale f64) (param $coef i32) (param $srcF64 i32)
    (local $k i32) (local $w i32) (local $wc i32) (local $rowB i32) (local $s i32) (local $d i32)
    (block $outerDone (loop $outerLoop
      (br_if $outerDone (i32.ge_u (local.get $k) (local.get $outer)))
      (local.set $w (i32.const 0))
      (block $chunksDone (loop $chunks
        (br_if $chunksDone (i32.ge_u (local.get $w) (local.get $W)))
        (local.set $wc (i32.sub (local.get $W) (local.get $w)))
        (if (i32.gt_u (local.get $wc) (local.get $wb)) (then (local.set $wc (local.get $wb))))
        (local.set $rowB (i32.shl (i32.and (i32.add (local.get $wc) (i32.const 1)) (i32.const -2)) (i32.const 3)))
        (local.set $s (i32.add (i32.mul (local.get $k) (local.get $os)) (i32.mul (local.get $w) (local.get $ls))))
        (local.set $d (i32.add (local.get $dst) (i32.shr_u (local.get $s) (local.get $srcF64))))
        (call $gather (i32.add (local.get $src) (local.get $s)) (local.get $es) (local.get $ls) (local.get $wc) (local.get $ln)
                      (local.get $X) (local.get $rowB) (local.get $srcF64))
        (call $recurse (local.get $X) (local.get $C) (local.get $Y) (local.get $rowB) (local.get $ln) (local.get $coef))
        (call $scatter (local.get $d) (i32.shr_u (local.get $es) (local.get $srcF64)) (i32.shr_u (local.get $ls) (local.get $srcF64))
                       (local.get $wc) (local.get $ln)
                       (local.get $Y) (i32.shr_u (local.get $rowB) (i32.const 1)) (local.get $mode) (local.get $scale))
        (local.set $w (i32.add (local.get $w) (local.get $wc)))
        (br $chunks)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $outerLoop))))
)
