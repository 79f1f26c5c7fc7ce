// What each project role may do. OWNER: members and settings; ANALYST: everything research;
// READER: segmentation work only, blinded to clinical data and outcomes; VIEWER: read only.
export const ROLES = ['OWNER', 'ANALYST', 'READER', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  /** See the project, its sites and members. */
  | 'project.read'
  | 'members.manage'
  /** Patients' covariates, outcomes, cohort summaries. */
  | 'clinical.read'
  | 'clinical.write'
  | 'imaging.read'
  | 'imaging.write'
  /** Every reader's segmentations (a READER sees only its own). */
  | 'segmentation.readAll'
  /** Assign, review, draw second readings. */
  | 'segmentation.manage'
  /** Upload the masks of one's own assignments. */
  | 'segmentation.work'
  | 'audit.read';

const GRANTS: Record<Role, readonly Permission[]> = {
  OWNER: ['project.read', 'members.manage', 'clinical.read', 'clinical.write', 'imaging.read', 'imaging.write', 'segmentation.readAll', 'segmentation.manage', 'segmentation.work', 'audit.read'],
  ANALYST: ['project.read', 'clinical.read', 'clinical.write', 'imaging.read', 'imaging.write', 'segmentation.readAll', 'segmentation.manage', 'segmentation.work'],
  READER: ['project.read', 'imaging.read', 'segmentation.work'],
  VIEWER: ['project.read', 'clinical.read', 'imaging.read', 'segmentation.readAll'],
};

export function allows(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
