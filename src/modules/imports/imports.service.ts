// Bulk import of patients from CSV: all rows or none. Every bad row is reported (line, column,
// reason); if there is any, nothing is written.
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BadInputError } from '../../infra/graphql/errors.js';
import { AuditService } from '../audit/audit.service.js';
import { PatientsService } from '../patients/patients.service.js';
import { SitesService } from '../sites/sites.service.js';
import { readCsv } from './csv.js';
import { mapPatientRows, type PatientColumnMapping, type RowError } from './patient-rows.js';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export interface PatientImportResult {
  imported: number;
  errors: RowError[];
}

@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(PatientsService) private readonly patients: PatientsService,
    @Inject(SitesService) private readonly sites: SitesService,
  ) {}

  async importPatients(actorId: string, projectId: string, csv: string, mapping: PatientColumnMapping, defaultSiteId?: string): Promise<PatientImportResult> {
    if (csv.length > MAX_IMPORT_BYTES) throw new BadInputError(`csv is larger than ${MAX_IMPORT_BYTES} bytes; split it`, 'csv');
    const { header, rows } = readCsv(csv);
    if (!header.length) throw new BadInputError('csv is empty', 'csv');
    const sites = await this.sites.ofProjects([projectId]);
    if (defaultSiteId && !sites.some((s) => s.id === defaultSiteId)) throw new BadInputError(`site ${defaultSiteId} is not a site of this project`, 'defaultSiteId');
    const byName = new Map(sites.map((s) => [s.name, s.id]));
    const { patients, errors } = mapPatientRows(header, rows, mapping, (name) => byName.get(name), defaultSiteId);
    const taken = await this.patients.keysTaken(projectId, patients.map((p) => p.key));
    for (const row of rows) {
      const key = row.fields[header.indexOf(mapping.key)]?.trim();
      if (key && taken.has(key)) errors.push({ line: row.line, column: mapping.key, message: `key '${key}' is already a patient of this project` });
    }
    if (errors.length) return { imported: 0, errors: errors.sort((a, b) => a.line - b.line) };
    if (!patients.length) throw new BadInputError('csv has no data rows', 'csv');
    return this.db.transaction(async (m) => {
      const inserted = await this.patients.insertMany(m, projectId, patients);
      await this.audit.write(m, { actorId, projectId, action: 'patient.import', targetIds: inserted.map((p) => p.id), details: { rows: inserted.length, mapping } });
      return { imported: inserted.length, errors: [] };
    });
  }
}
