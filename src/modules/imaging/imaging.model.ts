import { Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { ImageStatus, VolumeFormat } from './imaging-object.entity.js';

export const ImageStatusValues = { PENDING: 'PENDING', FINAL: 'FINAL' } as const;
registerEnumType(ImageStatusValues, { name: 'ImageStatus', description: 'PENDING until the upload is finalised; FINAL objects never change.' });
export const VolumeFormatValues = { NRRD: 'NRRD', NRRD_GZIP: 'NRRD_GZIP', NIFTI: 'NIFTI', NIFTI_GZIP: 'NIFTI_GZIP' } as const;
registerEnumType(VolumeFormatValues, { name: 'VolumeFormat' });
export const PhaseValues = { ARTERIAL: 'ARTERIAL', VENOUS: 'VENOUS', NON_CONTRAST: 'NON_CONTRAST', DELAYED: 'DELAYED', OTHER: 'OTHER' } as const;
registerEnumType(PhaseValues, { name: 'Phase', description: 'Contrast phase of a CT volume.' });

@ObjectType('VolumeGeometry', { description: 'Geometry read from the file (ITK conventions, LPS, mm).' })
export class VolumeGeometryModel {
  @Field(() => [Int])
  size: number[];

  @Field(() => [Float])
  spacing: number[];

  @Field(() => [Float])
  origin: number[];

  @Field(() => [Float], { description: '3×3 direction cosines, row-major.' })
  direction: number[];

  @Field(() => String)
  pixelType: string;
}

@ObjectType('ScannerMetadata')
export class ScannerMetadataModel {
  @Field(() => String, { nullable: true })
  manufacturer: string | null;

  @Field(() => String, { nullable: true })
  model: string | null;

  @Field(() => Float, { nullable: true })
  kvp: number | null;

  @Field(() => Float, { nullable: true })
  mas: number | null;

  @Field(() => Float, { nullable: true, description: 'mm' })
  sliceThickness: number | null;
}

@ObjectType('ImagingObject', { description: 'A CT volume in object storage, identified by the sha256 of its bytes.' })
export class ImagingObjectModel {
  @Field(() => ID)
  id: string;

  @Field(() => ImageStatusValues)
  status: ImageStatus;

  @Field(() => String)
  fileName: string;

  @Field(() => PhaseValues)
  phase: string;

  @Field(() => VolumeFormatValues, { nullable: true })
  format: VolumeFormat | null;

  @Field(() => String)
  sha256: string;

  @Field(() => Float)
  byteSize: number;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  finalizedAt: Date | null;

  projectId: string;
  patientId: string;
  pixelType: string | null;
  size: number[] | null;
  spacing: number[] | null;
  origin: number[] | null;
  direction: number[] | null;
  manufacturer: string | null;
  model: string | null;
  kvp: number | null;
  mas: number | null;
  sliceThickness: number | null;
}

@InputType()
export class RequestImageUploadInput {
  @Field(() => ID)
  patientId: string;

  @Field(() => PhaseValues)
  phase: string;

  @Field(() => String, { description: 'File name ending in .nrrd, .nii or .nii.gz.' })
  fileName: string;

  @Field(() => String, { description: 'sha256 of the file, 64 lower-case hex digits.' })
  sha256: string;

  @Field(() => Float)
  byteSize: number;

  @Field(() => String, { nullable: true })
  manufacturer?: string;

  @Field(() => String, { nullable: true })
  model?: string;

  @Field(() => Float, { nullable: true })
  kvp?: number;

  @Field(() => Float, { nullable: true })
  mas?: number;

  @Field(() => Float, { nullable: true })
  sliceThickness?: number;
}

@ObjectType('UploadTicket')
export class UploadTicketModel {
  @Field(() => String, { nullable: true, description: 'PUT the file here (null when alreadyStored).' })
  uploadUrl: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  expiresAt: Date | null;

  @Field(() => Boolean, { description: 'The same bytes are stored already; finalise without uploading.' })
  alreadyStored: boolean;
}

@ObjectType()
export class RequestImageUploadPayload {
  @Field(() => ImagingObjectModel)
  image: ImagingObjectModel;

  @Field(() => UploadTicketModel)
  upload: UploadTicketModel;
}

@InputType()
export class FinalizeImageUploadInput {
  @Field(() => ID)
  imageId: string;
}

@ObjectType()
export class ImagePayload {
  @Field(() => ImagingObjectModel)
  image: ImagingObjectModel;
}

@InputType()
export class RequestImageDownloadInput {
  @Field(() => ID)
  imageId: string;
}

@ObjectType()
export class DownloadPayload {
  @Field(() => String, { description: 'Presigned GET URL.' })
  url: string;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;
}
