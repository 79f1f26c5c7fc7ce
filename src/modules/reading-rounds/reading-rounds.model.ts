import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { SegmentationModel } from '../segmentations/segmentation.model.js';

@ObjectType('ReadingDraw', { description: 'A recorded seeded draw of patients for the REPEAT reading.' })
export class ReadingDrawModel {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  seed: number;

  @Field(() => Int)
  requested: number;

  @Field(() => Int, { description: 'Patients that could be drawn (PRIMARY reading in, no REPEAT yet).' })
  eligibleCount: number;

  @Field(() => [ID], { description: 'Drawn patient ids, in draw order.' })
  patientIds: string[];

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  projectId: string;
  readerId: string;
}

@InputType()
export class DrawRepeatReadingInput {
  @Field(() => ID)
  projectId: string;

  @Field(() => Int, { description: 'How many patients to draw (the study: 30).' })
  count: number;

  @Field(() => Int, { description: 'Random seed, recorded with the draw.' })
  seed: number;

  @Field(() => ID, { description: 'Member id of the second reader.' })
  readerId: string;
}

@ObjectType()
export class DrawRepeatReadingPayload {
  @Field(() => ReadingDrawModel)
  draw: ReadingDrawModel;

  @Field(() => [SegmentationModel], { description: 'The REPEAT assignments created.' })
  assignments: SegmentationModel[];
}
