;; GLCM co-occurrence counting over the neighbour table (see countPairs in glcm.ts), as WebAssembly.
;; Why: this loop (one increment per ROI voxel and direction: 2.4 million per brain1 extraction) ran about
;; three times slower as JavaScript, with its bounds checks and float increments; here the counts are
;; int32 (exact: they are converted to float64 afterwards, integers below 2^31).
;; All pointers are byte offsets into the exported memory.
;; Build: `npm run build:wasm` writes glcm-pairs.wasm.ts from this file.
(module
  (memory (export "memory") 1)

  ;; For every ROI voxel v < nv and direction a < na: k = table[v·stride + columns[a]] (int32, the ROI
  ;; position of the neighbour, −1 if none); if k ≥ 0, counts[a·n² + rows[v]·n + rows[k]] += 1.
  ;; columns holds BYTE offsets (4·column); counts is int32, n² per direction, zeroed by the caller.
  (func (export "addPairs") (param $table i32) (param $stride i32) (param $columns i32) (param $na i32)
                            (param $rows i32) (param $nv i32) (param $n i32) (param $counts i32)
    (local $v i32) (local $base i32) (local $matrix i32) (local $a i32) (local $k i32) (local $nnBytes i32)
    (local $p i32) (local $strideBytes i32) (local $end i32)
    (local.set $nnBytes (i32.shl (i32.mul (local.get $n) (local.get $n)) (i32.const 2)))
    (local.set $strideBytes (i32.shl (local.get $stride) (i32.const 2)))
    (local.set $end (i32.shl (local.get $na) (i32.const 2)))
    (local.set $base (local.get $table))
    (block $voxelsDone
      (loop $voxels
        (br_if $voxelsDone (i32.ge_u (local.get $v) (local.get $nv)))
        ;; row rows[v] of the first direction's matrix
        (local.set $matrix (i32.add (local.get $counts)
          (i32.shl (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $v) (i32.const 2)))) (local.get $n))
                   (i32.const 2))))
        (local.set $a (i32.const 0))
        (block $directionsDone
          (loop $directions
            (br_if $directionsDone (i32.ge_u (local.get $a) (local.get $end)))
            (local.set $k (i32.load (i32.add (local.get $base) (i32.load (i32.add (local.get $columns) (local.get $a))))))
            (if (i32.ge_s (local.get $k) (i32.const 0))
              (then
                (local.set $p (i32.add (local.get $matrix)
                  (i32.shl (i32.load (i32.add (local.get $rows) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 2))))
                (i32.store (local.get $p) (i32.add (i32.load (local.get $p)) (i32.const 1)))))
            (local.set $matrix (i32.add (local.get $matrix) (local.get $nnBytes)))
            (local.set $a (i32.add (local.get $a) (i32.const 4)))
            (br $directions)))
        (local.set $base (i32.add (local.get $base) (local.get $strideBytes)))
        (local.set $v (i32.add (local.get $v) (i32.const 1)))
        (br $voxels))))

  ;; rows[v] = map[rows[v]] for v < nv (int32): bin numbers of the ROI voxels to matrix rows, in place.
  (func (export "mapRows") (param $rows i32) (param $nv i32) (param $map i32)
    (local $p i32) (local $end i32)
    (local.set $p (local.get $rows))
    (local.set $end (i32.add (local.get $rows) (i32.shl (local.get $nv) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (i32.store (local.get $p) (i32.load (i32.add (local.get $map) (i32.shl (i32.load (local.get $p)) (i32.const 2)))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $next))))
)
