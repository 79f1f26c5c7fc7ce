;; PyWavelets' undecimated periodic convolution (periodicConvolution.ts) as WebAssembly: the low- and
;; high-pass outputs of runs of neighbouring voxels, two per f64x2 vector. Every output is the sum
;; 0 + f[0]·x[0] + f[1]·x[1] + … + f[F−1]·x[F−1] added left to right in the plan's term order, each lane
;; with the scalar code's operations (no fused multiply-add), so results are bit-identical to it; with
;; f32 ≠ 0 every product and sum is rounded to float32 (pywt's float arithmetic for float32 images).
;;
;; `convolve` runs a table of `entries` runs. A run is F + 3 int32: dst, count, coef, s[0] … s[F−1]:
;; for k < count, lo[dst + 8k] and hi[dst + 8k] (bytes past the lo and hi bases) are the sums over
;; terms t of coef[t]·x_t (low) and coef[F + t]·x_t (high), x_t = the float64 at src + s[t] + 8k.
;; coef is a byte address of 2F doubles. A run's last vector may read (never write) 8 bytes past its
;; inputs. Build: `npm run build:wasm` writes periodic-convolution-kernels.wasm.ts from this file.
(module
  (memory (export "memory") 1)

  (func (export "convolve") (param $src i32) (param $lo i32) (param $hi i32) (param $table i32) (param $entries i32)
                            (param $F i32) (param $f32 i32)
    (local $e i32) (local $entry i32) (local $entryBytes i32)
    (local.set $entryBytes (i32.shl (i32.add (local.get $F) (i32.const 3)) (i32.const 2)))
    (local.set $entry (local.get $table))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $e) (local.get $entries)))
      (if (i32.and (i32.eq (local.get $F) (i32.const 6)) (i32.eqz (local.get $f32)))
        (then (call $sixTaps (local.get $src) (local.get $lo) (local.get $hi) (local.get $entry)))
        (else (call $anyTaps (local.get $src) (local.get $lo) (local.get $hi) (local.get $entry) (local.get $F) (local.get $f32))))
      (local.set $entry (i32.add (local.get $entry) (local.get $entryBytes)))
      (local.set $e (i32.add (local.get $e) (i32.const 1)))
      (br $next))))

  ;; One run, six taps, float64.
  (func $sixTaps (param $src i32) (param $lo i32) (param $hi i32) (param $entry i32)
    (local $dLo i32) (local $dHi i32) (local $coef i32) (local $k i32) (local $end i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $s4 i32) (local $s5 i32)
    (local $l0 v128) (local $l1 v128) (local $l2 v128) (local $l3 v128) (local $l4 v128) (local $l5 v128)
    (local $h0 v128) (local $h1 v128) (local $h2 v128) (local $h3 v128) (local $h4 v128) (local $h5 v128)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128) (local $x4 v128) (local $x5 v128)
    (local $vlo v128) (local $vhi v128)
    (local.set $dLo (i32.add (local.get $lo) (i32.load offset=0 (local.get $entry))))
    (local.set $dHi (i32.add (local.get $hi) (i32.load offset=0 (local.get $entry))))
    (local.set $end (i32.shl (i32.load offset=4 (local.get $entry)) (i32.const 3)))
    (local.set $coef (i32.load offset=8 (local.get $entry)))
    (local.set $s0 (i32.add (local.get $src) (i32.load offset=12 (local.get $entry))))
    (local.set $s1 (i32.add (local.get $src) (i32.load offset=16 (local.get $entry))))
    (local.set $s2 (i32.add (local.get $src) (i32.load offset=20 (local.get $entry))))
    (local.set $s3 (i32.add (local.get $src) (i32.load offset=24 (local.get $entry))))
    (local.set $s4 (i32.add (local.get $src) (i32.load offset=28 (local.get $entry))))
    (local.set $s5 (i32.add (local.get $src) (i32.load offset=32 (local.get $entry))))
    (local.set $l0 (v128.load64_splat offset=0 (local.get $coef)))
    (local.set $l1 (v128.load64_splat offset=8 (local.get $coef)))
    (local.set $l2 (v128.load64_splat offset=16 (local.get $coef)))
    (local.set $l3 (v128.load64_splat offset=24 (local.get $coef)))
    (local.set $l4 (v128.load64_splat offset=32 (local.get $coef)))
    (local.set $l5 (v128.load64_splat offset=40 (local.get $coef)))
    (local.set $h0 (v128.load64_splat offset=48 (local.get $coef)))
    (local.set $h1 (v128.load64_splat offset=56 (local.get $coef)))
    (local.set $h2 (v128.load64_splat offset=64 (local.get $coef)))
    (local.set $h3 (v128.load64_splat offset=72 (local.get $coef)))
    (local.set $h4 (v128.load64_splat offset=80 (local.get $coef)))
    (local.set $h5 (v128.load64_splat offset=88 (local.get $coef)))
    (block $d (loop $l
      (br_if $d (i32.ge_s (local.get $k) (local.get $end)))
      (local.set $x0 (v128.load (i32.add (local.get $s0) (local.get $k))))
      (local.set $x1 (v128.load (i32.add (local.get $s1) (local.get $k))))
      (local.set $x2 (v128.load (i32.add (local.get $s2) (local.get $k))))
      (local.set $x3 (v128.load (i32.add (local.get $s3) (local.get $k))))
      (local.set $x4 (v128.load (i32.add (local.get $s4) (local.get $k))))
      (local.set $x5 (v128.load (i32.add (local.get $s5) (local.get $k))))
      (local.set $vlo
        (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const i64x2 0 0)
          (f64x2.mul (local.get $l0) (local.get $x0))) (f64x2.mul (local.get $l1) (local.get $x1)))
          (f64x2.mul (local.get $l2) (local.get $x2))) (f64x2.mul (local.get $l3) (local.get $x3)))
          (f64x2.mul (local.get $l4) (local.get $x4))) (f64x2.mul (local.get $l5) (local.get $x5))))
      (local.set $vhi
        (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const i64x2 0 0)
          (f64x2.mul (local.get $h0) (local.get $x0))) (f64x2.mul (local.get $h1) (local.get $x1)))
          (f64x2.mul (local.get $h2) (local.get $x2))) (f64x2.mul (local.get $h3) (local.get $x3)))
          (f64x2.mul (local.get $h4) (local.get $x4))) (f64x2.mul (local.get $h5) (local.get $x5))))
      (if (i32.le_s (i32.add (local.get $k) (i32.const 16)) (local.get $end))
        (then
          (v128.store (i32.add (local.get $dLo) (local.get $k)) (local.get $vlo))
          (v128.store (i32.add (local.get $dHi) (local.get $k)) (local.get $vhi)))
        (else
          (v128.store64_lane 0 (i32.add (local.get $dLo) (local.get $k)) (local.get $vlo))
          (v128.store64_lane 0 (i32.add (local.get $dHi) (local.get $k)) (local.get $vhi))))
      (local.set $k (i32.add (local.get $k) (i32.const 16)))
      (br $l))))

  ;; One run, any number of taps; float64, or float32 arithmetic when f32 ≠ 0.
  (func $anyTaps (param $src i32) (param $lo i32) (param $hi i32) (param $entry i32) (param $F i32) (param $f32 i32)
    (local $dLo i32) (local $dHi i32) (local $coef i32) (local $k i32) (local $end i32) (local $t i32)
    (local $x v128) (local $vlo v128) (local $vhi v128) (local $cLo v128) (local $cHi v128) (local $a i32)
    (local.set $dLo (i32.add (local.get $lo) (i32.load offset=0 (local.get $entry))))
    (local.set $dHi (i32.add (local.get $hi) (i32.load offset=0 (local.get $entry))))
    (local.set $end (i32.shl (i32.load offset=4 (local.get $entry)) (i32.const 3)))
    (local.set $coef (i32.load offset=8 (local.get $entry)))
    (block $d (loop $l
      (br_if $d (i32.ge_s (local.get $k) (local.get $end)))
      (local.set $vlo (v128.const i64x2 0 0))
      (local.set $vhi (v128.const i64x2 0 0))
      (local.set $t (i32.const 0))
      (block $termsDone (loop $terms
        (br_if $termsDone (i32.ge_u (local.get $t) (local.get $F)))
        (local.set $a (i32.add (local.get $entry) (i32.shl (local.get $t) (i32.const 2))))
        (local.set $x (v128.load (i32.add (i32.add (local.get $src) (i32.load offset=12 (local.get $a))) (local.get $k))))
        (local.set $a (i32.add (local.get $coef) (i32.shl (local.get $t) (i32.const 3))))
        (local.set $cLo (v128.load64_splat (local.get $a)))
        (local.set $cHi (v128.load64_splat (i32.add (local.get $a) (i32.shl (local.get $F) (i32.const 3)))))
        (if (local.get $f32)
          (then
            ;; float32 values held as doubles: demote (exact), operate in float32, promote (exact).
            (local.set $x (f32x4.demote_f64x2_zero (local.get $x)))
            (local.set $vlo (f64x2.promote_low_f32x4 (f32x4.add (f32x4.demote_f64x2_zero (local.get $vlo))
              (f32x4.mul (f32x4.demote_f64x2_zero (local.get $cLo)) (local.get $x)))))
            (local.set $vhi (f64x2.promote_low_f32x4 (f32x4.add (f32x4.demote_f64x2_zero (local.get $vhi))
              (f32x4.mul (f32x4.demote_f64x2_zero (local.get $cHi)) (local.get $x))))))
          (else
            (local.set $vlo (f64x2.add (local.get $vlo) (f64x2.mul (local.get $cLo) (local.get $x))))
            (local.set $vhi (f64x2.add (local.get $vhi) (f64x2.mul (local.get $cHi) (local.get $x))))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $terms)))
      (if (i32.le_s (i32.add (local.get $k) (i32.const 16)) (local.get $end))
        (then
          (v128.store (i32.add (local.get $dLo) (local.get $k)) (local.get $vlo))
          (v128.store (i32.add (local.get $dHi) (local.get $k)) (local.get $vhi)))
        (else
          (v128.store64_lane 0 (i32.add (local.get $dLo) (local.get $k)) (local.get $vlo))
          (v128.store64_lane 0 (i32.add (local.get $dHi) (local.get $k)) (local.get $vhi))))
      (local.set $k (i32.add (local.get $k) (i32.const 16)))
      (br $l))))
)
