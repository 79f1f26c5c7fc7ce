import { ArgsType, Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection, ConnectionArgs } from '../../infra/graphql/connection.js';
import { UploadTicketModel } from '../imaging/imaging.model.js';
import type { ReadingRound, SegmentationStatus } from './segmentation.entity.js';

export const ReadingRoundValues = { PRIMARY: 'PRIMARY', REPEAT: 'REPEAT' } as const;
registerEnumType(ReadingRoundValues, { name: 'ReadingRound', description: 'PRIMARY reading, or the REPEAT reading of the reliability subset.' });
export const SegmentationStatusValues = { ASSIGNED: 'ASSIGNED', SUBMITTED: 'SUBMITTED', ACCEPTED: 'ACCEPTED', REJECTED: 'REJECTED' } as const;
registerEnumType(SegmentationStatusValues, { name: 'SegmentationStatus', description: 'ASSIGNED → SUBMITTED (mask finalised) → ACCEPTED or REJECTED.' });
export const ReviewDecisionValues = { ACCEPTED: 'ACCEPTED', REJECTED: 'REJECTED' } as const;
registerEnumType(ReviewDecisionValues, { name: 'ReviewDecision' });

@ObjectType('ReadingAgreement', { description: 'Agreement of the REPEAT reading with the PRIMARY reading of the same image.' })
export class ReadingAgreementModel {
  @Field(() => Float)
  dice: number;

  @Field(() => Float, { description: '95th-percentile symmetric surface distance, mm.' })
  hd95Mm: number;
}

@ObjectType('Segmentation', { description: 'A reader\'s mask of one imaging object.' })
export class SegmentationModel {
  @Field(() => ID)
  id: string;

  @Field(() => ReadingRoundValues)
  round: ReadingRound;

  @Field(() => SegmentationStatusValues)
  status: SegmentationStatus;

  @Field(() => Int)
  label: number;

  @Field(() => String, { nullable: true })
  fileName: string | null;

  @Field(() => String, { nullable: true, description: 'sha256 of the mask file (declared, verified when submitted).' })
  sha256: string | null;

  @Field(() => Int, { nullable: true })
  voxelCount: number | null;

  @Field(() => Float, { nullable: true })
  volumeMm3: number | null;

  @Field(() => String, { nullable: true })
  reviewNote: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  submittedAt: Date | null;

  projectId: string;
  imageId: string;
  patientId: string;
  readerId: string;
  dice: number | null;
  hd95Mm: number | null;
}

@ObjectType()
export class SegmentationConnection extends Connection(SegmentationModel) {}

@ArgsType()
export class SegmentationsArgs extends ConnectionArgs {
  @Field(() => SegmentationStatusValues, { nullable: true })
  status?: SegmentationStatus;

  @Field(() => ID, { nullable: true, description: 'Member id of the reader.' })
  readerId?: string;

  @Field(() => ReadingRoundValues, { nullable: true })
  round?: ReadingRound;
}

@InputType()
export class AssignSegmentationInput {
  @Field(() => ID)
  imageId: string;

  @Field(() => ID, { description: 'Member id of the reader.' })
  readerId: string;

  @Field(() => ReadingRoundValues, { nullable: true, description: 'Default PRIMARY.' })
  round?: ReadingRound;

  @Field(() => Int, { nullable: true, description: 'Label value of the region in the mask (default 1).' })
  label?: number;
}

@InputType()
export class RequestSegmentationUploadInput {
  @Field(() => ID)
  segmentationId: string;

  @Field(() => String)
  fileName: string;

  @Field(() => String)
  sha256: string;

  @Field(() => Float)
  byteSize: number;
}

@InputType()
export class SegmentationIdInput {
  @Field(() => ID)
  segmentationId: string;
}

@InputType()
export class ReviewSegmentationInput {
  @Field(() => ID)
  segmentationId: string;

  @Field(() => ReviewDecisionValues)
  decision: 'ACCEPTED' | 'REJECTED';

  @Field(() => String, { nullable: true })
  note?: string;
}

@ObjectType()
export class SegmentationPayload {
  @Field(() => SegmentationModel)
  segmentation: SegmentationModel;
}

@ObjectType()
export class RequestSegmentationUploadPayload {
  @Field(() => SegmentationModel)
  segmentation: SegmentationModel;

  @Field(() => UploadTicketModel)
  upload: UploadTicketModel;
}

