import { Inject } from '@nestjs/common';
import { Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../../infra/graphql/args.js';
import type { RequestContext } from '../../infra/graphql/request-context.js';
import { AccessService } from '../auth/access.service.js';
import { groupByKey } from '../auth/ids.js';
import type { PatientEntity } from '../patients/patient.entity.js';
import { PatientModel } from '../patients/patient.model.js';
import { PatientsService } from '../patients/patients.service.js';
import type { ImagingObjectEntity } from './imaging-object.entity.js';
import {
  DownloadPayload, FinalizeImageUploadInput, ImagePayload, ImagingObjectModel, RequestImageDownloadInput, RequestImageUploadInput,
  RequestImageUploadPayload, ScannerMetadataModel, VolumeGeometryModel,
} from './imaging.model.js';
import { ImagingService } from './imaging.service.js';

@Resolver(() => ImagingObjectModel)
export class ImagingResolver {
  constructor(
    @Inject(ImagingService) private readonly imaging: ImagingService,
    @Inject(PatientsService) private readonly patients: PatientsService,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  @Query(() => ImagingObjectModel)
  async imagingObject(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<ImagingObjectEntity> {
    return this.load(ctx, id, 'imaging.read');
  }

  @Mutation(() => RequestImageUploadPayload, { description: 'Step 1 of an upload: declare the file (sha256, size); PUT it to the returned URL; then finalizeImageUpload.' })
  async requestImageUpload(@Args('input', { type: () => RequestImageUploadInput }) input: RequestImageUploadInput, @Context() ctx: RequestContext): Promise<RequestImageUploadPayload> {
    const patient = await this.access.loadOne(ctx, 'patient', input.patientId, (ids) => this.patients.findByIds(ids), 'imaging.write');
    const caller = await this.access.caller(ctx);
    const { patientId: _p, ...request } = input;
    const { image, ticket } = await this.imaging.requestUpload(caller.user.id, patient, request);
    return { image, upload: ticket };
  }

  @Mutation(() => ImagePayload, { description: 'Step 3: the server re-reads the object, checks its sha256 and that it parses, and records its geometry.' })
  async finalizeImageUpload(@Args('input', { type: () => FinalizeImageUploadInput }) input: FinalizeImageUploadInput, @Context() ctx: RequestContext): Promise<ImagePayload> {
    const image = await this.load(ctx, input.imageId, 'imaging.write');
    const caller = await this.access.caller(ctx);
    return { image: await this.imaging.finalize(caller.user.id, image) };
  }

  @Mutation(() => DownloadPayload, { description: 'A presigned GET URL for a finalised image (audited).' })
  async requestImageDownload(@Args('input', { type: () => RequestImageDownloadInput }) input: RequestImageDownloadInput, @Context() ctx: RequestContext): Promise<DownloadPayload> {
    const image = await this.load(ctx, input.imageId, 'imaging.read');
    const caller = await this.access.caller(ctx);
    return this.imaging.download(caller.user.id, image, 'imaging');
  }

  @ResolveField(() => VolumeGeometryModel, { nullable: true, description: 'Null until finalised.' })
  geometry(@Parent() image: ImagingObjectEntity): VolumeGeometryModel | null {
    if (!image.size || !image.spacing || !image.origin || !image.direction || !image.pixelType) return null;
    return { size: image.size, spacing: image.spacing, origin: image.origin, direction: image.direction, pixelType: image.pixelType };
  }

  @ResolveField(() => ScannerMetadataModel)
  scanner(@Parent() image: ImagingObjectEntity): ScannerMetadataModel {
    return { manufacturer: image.manufacturer, model: image.model, kvp: image.kvp, mas: image.mas, sliceThickness: image.sliceThickness };
  }

  @ResolveField(() => PatientModel, { description: 'READERs see the pseudonymous key only.' })
  async patient(@Parent() image: ImagingObjectEntity, @Context() ctx: RequestContext): Promise<PatientEntity> {
    return this.access.loadOne(ctx, 'patient', image.patientId, (ids) => this.patients.findByIds(ids), 'imaging.read');
  }

  private load(ctx: RequestContext, id: string, permission: 'imaging.read' | 'imaging.write'): Promise<ImagingObjectEntity> {
    return this.access.loadOne(ctx, 'imagingObject', id, (ids) => this.imaging.findByIds(ids), permission);
  }
}

@Resolver(() => PatientModel)
export class PatientImagesResolver {
  constructor(@Inject(ImagingService) private readonly imaging: ImagingService, @Inject(AccessService) private readonly access: AccessService) {}

  @ResolveField(() => [ImagingObjectModel], { description: 'The patient\'s imaging objects, oldest first.' })
  async images(@Parent() patient: PatientEntity, @Context() ctx: RequestContext): Promise<ImagingObjectEntity[]> {
    await this.access.allowed(ctx, 'patient', [patient.id], [patient], 'imaging.read');
    const loader = ctx.loaders.get<string, ImagingObjectEntity[]>('images.byPatient', async (ids) => {
      const rows = await this.imaging.ofPatients(ids);
      return groupByKey(ids, rows, (image) => image.patientId);
    });
    return loader.load(patient.id);
  }
}
