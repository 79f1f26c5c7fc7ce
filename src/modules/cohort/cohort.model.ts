import { ArgsType, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('CategoryCount')
export class CategoryCountModel {
  @Field(() => String)
  variable: string;

  @Field(() => String)
  level: string;

  @Field(() => Int)
  n: number;

  @Field(() => Float)
  percent: number;
}

@ObjectType('AgeSummary')
export class AgeSummaryModel {
  @Field(() => Float, { nullable: true })
  mean: number | null;

  @Field(() => Float, { nullable: true })
  min: number | null;

  @Field(() => Float, { nullable: true })
  max: number | null;

  @Field(() => Int, { description: 'Patients with a known age.' })
  known: number;
}

@ObjectType('MedianEstimate', { description: 'Kaplan–Meier median with its 95% CI (log transform); null = not reached.' })
export class MedianEstimateModel {
  @Field(() => Float, { nullable: true })
  median: number | null;

  @Field(() => Float, { nullable: true })
  lower: number | null;

  @Field(() => Float, { nullable: true })
  upper: number | null;
}

@ObjectType('PfsSummary')
export class PfsSummaryModel {
  @Field(() => Int)
  patients: number;

  @Field(() => Int)
  events: number;

  @Field(() => MedianEstimateModel)
  medianMonths: MedianEstimateModel;

  @Field(() => MedianEstimateModel, { description: 'Median follow-up by the reverse Kaplan–Meier.' })
  followUpMonths: MedianEstimateModel;
}

@ObjectType('CohortSummary', { description: 'Table 1 of a patient selection.' })
export class CohortSummaryModel {
  @Field(() => Int)
  n: number;

  @Field(() => [CategoryCountModel])
  categories: CategoryCountModel[];

  @Field(() => AgeSummaryModel)
  age: AgeSummaryModel;

  @Field(() => PfsSummaryModel, { nullable: true })
  pfs: PfsSummaryModel | null;
}

@ArgsType()
export class CohortSummaryArgs {
  @Field(() => [ID], { nullable: true, description: 'The selection (default: every patient of the project).' })
  patientIds?: string[];

  @Field(() => ID, { nullable: true })
  siteId?: string;

  @Field(() => Float, { nullable: true, description: 'Age split (default 60: "> 60" and "<= 60").' })
  ageCutoff?: number;
}
