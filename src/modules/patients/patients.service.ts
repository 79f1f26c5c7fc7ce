// Owns patients: pseudonymous key, site, covariates and outcome, with PFS derived on every write.
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { decodeCursor, paginate, pageSize, type ConnectionShape } from '../../infra/graphql/connection.js';
import { ConflictError, NotFoundError } from '../../infra/graphql/errors.js';
import { AuditService } from '../audit/audit.service.js';
import { uuidsOnly, rowsByIds } from '../auth/ids.js';
import { PatientEntity } from './patient.entity.js';
import { normalisePatient, type NormalisedPatient, type PatientFields } from './patient-fields.js';

export interface PatientFilter {
  siteId?: string;
  /** Built-in covariate (sex, bmiCategory, smoking, drinking, ecog) or a named extra one. */
  covariate?: { name: string; equals: string };
  /** Only these ids (e.g. patients with a REPEAT reading), or none of these. */
  idIn?: string[];
  idNotIn?: string[];
}

const BUILT_IN: Record<string, string> = { sex: 'sex', bmiCategory: 'bmi_category', smoking: 'smoking', drinking: 'drinking', ecog: 'ecog' };

@Injectable()
export class PatientsService {
  constructor(@InjectDataSource() private readonly db: DataSource, @Inject(AuditService) private readonly audit: AuditService) {}

  async findByIds(ids: readonly string[]): Promise<PatientEntity[]> {
    return rowsByIds(this.db.getRepository(PatientEntity), ids);
  }

  async ofProject(projectId: string, ids?: string[]): Promise<PatientEntity[]> {
    const where = ids ? { projectId, id: In(uuidsOnly(ids)) } : { projectId };
    return this.db.getRepository(PatientEntity).find({ where, order: { key: 'ASC' } });
  }

  /** Keyset pages ordered by key. */
  async list(projectId: string, filter: PatientFilter, args: { first?: number; after?: string }): Promise<ConnectionShape<PatientEntity>> {
    const first = pageSize(args);
    const q = this.db.getRepository(PatientEntity).createQueryBuilder('p').where('p.project_id = :projectId', { projectId }).orderBy('p.key', 'ASC').limit(first + 1);
    if (filter.siteId) q.andWhere('p.site_id = :siteId', { siteId: uuidsOnly([filter.siteId])[0] ?? '00000000-0000-0000-0000-000000000000' });
    if (filter.covariate) {
      const column = BUILT_IN[filter.covariate.name];
      if (column) q.andWhere(`p.${column}::text = :value`, { value: normaliseFilterValue(filter.covariate.equals) });
      else q.andWhere('p.extra_covariates ->> :name = :value', { name: filter.covariate.name, value: filter.covariate.equals });
    }
    if (filter.idIn) q.andWhere('p.id = ANY(:idIn)', { idIn: uuidsOnly(filter.idIn) });
    if (filter.idNotIn?.length) q.andWhere('NOT (p.id = ANY(:idNotIn))', { idNotIn: uuidsOnly(filter.idNotIn) });
    if (args.after) q.andWhere('p.key > :after', { after: String(decodeCursor(args.after)[0]) });
    return paginate(await q.getMany(), first, (p) => [p.key]);
  }

  async create(actorId: string, projectId: string, fields: PatientFields): Promise<PatientEntity> {
    const patient = normalisePatient(fields);
    return this.db.transaction(async (m) => {
      const [saved] = await this.insertMany(m, projectId, [patient]);
      await this.audit.write(m, { actorId, projectId, action: 'patient.create', targetIds: [saved!.id], details: { key: patient.key } });
      return saved!;
    });
  }

  async update(actorId: string, current: PatientEntity, changes: Partial<PatientFields>): Promise<PatientEntity> {
    const merged = normalisePatient({ ...current, ...definedOnly(changes) });
    return this.db.transaction(async (m) => {
      if (merged.key !== current.key && (await m.findOneBy(PatientEntity, { projectId: current.projectId, key: merged.key }))) {
        throw new ConflictError(`patient key '${merged.key}' is taken in this project`);
      }
      await m.update(PatientEntity, { id: current.id }, rowOf(merged));
      await this.audit.write(m, { actorId, projectId: current.projectId, action: 'patient.update', targetIds: [current.id], details: { fields: Object.keys(definedOnly(changes)) } });
      return m.findOneByOrFail(PatientEntity, { id: current.id });
    });
  }

  /** Inserts normalised patients in the caller's transaction; CONFLICT on a key already used. */
  async insertMany(m: EntityManager, projectId: string, patients: NormalisedPatient[]): Promise<PatientEntity[]> {
    if (!patients.length) return [];
    const keys = patients.map((p) => p.key);
    const taken = await m.find(PatientEntity, { where: { projectId, key: In(keys) }, select: { key: true } });
    if (taken.length) throw new ConflictError(`patient key(s) already in this project: ${taken.map((p) => p.key).slice(0, 20).join(', ')}`);
    const inserted = await m.createQueryBuilder().insert().into(PatientEntity).values(patients.map((p) => ({ projectId, ...rowOf(p) }))).returning('id').execute();
    const ids = (inserted.raw as { id: string }[]).map((r) => r.id);
    return m.find(PatientEntity, { where: { id: In(ids) }, order: { key: 'ASC' } });
  }

  async keysTaken(projectId: string, keys: string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const rows = await this.db.getRepository(PatientEntity).find({ where: { projectId, key: In(keys) }, select: { key: true } });
    return new Set(rows.map((r) => r.key));
  }

  /** For site checks: a patient must belong to a site of its own project. */
  static checkSiteInProject(site: { projectId: string } | undefined, projectId: string, siteId: string): void {
    if (!site || site.projectId !== projectId) throw new NotFoundError('site', siteId);
  }
}

function normaliseFilterValue(value: string): string {
  const lower = value.trim().toLowerCase();
  if (lower === 'yes') return 'true';
  if (lower === 'no') return 'false';
  return /^(true|false)$/.test(lower) ? lower : value.trim().toUpperCase();
}

function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function rowOf(p: NormalisedPatient): Omit<NormalisedPatient, never> {
  return {
    key: p.key, siteId: p.siteId, sex: p.sex, ageAtDiagnosis: p.ageAtDiagnosis, bmiCategory: p.bmiCategory, smoking: p.smoking, drinking: p.drinking,
    ecog: p.ecog, extraCovariates: p.extraCovariates, diagnosisDate: p.diagnosisDate, progressionOrDeathDate: p.progressionOrDeathDate,
    lastFollowUpDate: p.lastFollowUpDate, pfsMonths: p.pfsMonths, pfsEvent: p.pfsEvent,
  };
}
