// Eigenvalues of a real symmetric 3×3 matrix by cyclic Jacobi rotations: small, robust and accurate to a few
// ulps relative to the largest eigenvalue (LAPACK's dgeev, which numpy.linalg.eigvals uses, agrees to ~1e-15).

/**
 * Eigenvalues (unsorted) of the symmetric matrix given by its upper triangle [a00, a01, a02, a11, a12, a22].
 */
export function symmetricEigenvalues3(upper: readonly number[]): [number, number, number] {
  const [a00, a01, a02, a11, a12, a22] = upper;
  const m = [
    [a00, a01, a02],
    [a01, a11, a12],
    [a02, a12, a22],
  ];
  for (let sweep = 0; sweep < 64; sweep++) {
    const offDiagonal = m[0][1] * m[0][1] + m[0][2] * m[0][2] + m[1][2] * m[1][2];
    if (offDiagonal === 0) break;
    for (let p = 0; p < 2; p++) {
      for (let q = p + 1; q < 3; q++) rotate(m, p, q);
    }
  }
  return [m[0][0], m[1][1], m[2][2]];
}

/** One Jacobi rotation zeroing m[p][q] (Golub & Van Loan, symmetric Schur decomposition). */
function rotate(m: number[][], p: number, q: number): void {
  const apq = m[p][q];
  if (apq === 0) return;
  const theta = (m[q][q] - m[p][p]) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < 3; k++) {
    const mkp = m[k][p];
    const mkq = m[k][q];
    m[k][p] = c * mkp - s * mkq;
    m[k][q] = s * mkp + c * mkq;
  }
  for (let k = 0; k < 3; k++) {
    const mpk = m[p][k];
    const mqk = m[q][k];
    m[p][k] = c * mpk - s * mqk;
    m[q][k] = s * mpk + c * mqk;
  }
  m[p][q] = 0;
  m[q][p] = 0;
}
