import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@InputType({ description: 'Which CSV column holds which patient field (column names as in the header).' })
export class PatientColumnMappingInput {
  @Field(() => String)
  key: string;

  @Field(() => String, { nullable: true, description: 'Column with the site name (else defaultSiteId).' })
  site?: string;

  @Field(() => String, { nullable: true, description: 'M/F/male/female.' })
  sex?: string;

  @Field(() => String, { nullable: true })
  ageAtDiagnosis?: string;

  @Field(() => String, { nullable: true, description: 'UNDERWEIGHT/NORMAL/OVERWEIGHT/OBESE.' })
  bmiCategory?: string;

  @Field(() => String, { nullable: true, description: 'yes/no, true/false, 1/0.' })
  smoking?: string;

  @Field(() => String, { nullable: true })
  drinking?: string;

  @Field(() => String, { nullable: true })
  ecog?: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  diagnosisDate?: string;

  @Field(() => String, { nullable: true })
  progressionOrDeathDate?: string;

  @Field(() => String, { nullable: true })
  lastFollowUpDate?: string;

  @Field(() => [String], { nullable: true, description: 'Columns imported as named numeric covariates.' })
  numericCovariates?: string[];

  @Field(() => [String], { nullable: true, description: 'Columns imported as named categorical covariates.' })
  categoricalCovariates?: string[];
}

@InputType()
export class ImportPatientsInput {
  @Field(() => ID)
  projectId: string;

  @Field(() => String, { description: 'The CSV text, header first.' })
  csv: string;

  @Field(() => PatientColumnMappingInput)
  mapping: PatientColumnMappingInput;

  @Field(() => ID, { nullable: true })
  defaultSiteId?: string;
}

@ObjectType('ImportRowError')
export class ImportRowErrorModel {
  @Field(() => Int, { description: 'Line in the CSV (1 = header).' })
  line: number;

  @Field(() => String, { nullable: true })
  column: string | null;

  @Field(() => String)
  message: string;
}

@ObjectType()
export class ImportPatientsPayload {
  @Field(() => Int, { description: 'Patients created: all rows, or 0 when any row is bad.' })
  imported: number;

  @Field(() => [ImportRowErrorModel], { description: 'Every problem found; empty on success.' })
  errors: ImportRowErrorModel[];
}
