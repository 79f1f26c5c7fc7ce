// GraphQL for segmentations: assignment, mask upload, review, download, and the nested fields.
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ImagingModule } from '../imaging/imaging.module.js';
import { ImageSegmentationsResolver, ProjectSegmentationsResolver, SegmentationsResolver } from './segmentations.resolver.js';
import { SegmentationsModule } from './segmentations.module.js';

@Module({
  imports: [SegmentationsModule, ImagingModule, AuthModule],
  providers: [SegmentationsResolver, ImageSegmentationsResolver, ProjectSegmentationsResolver],
})
export class SegmentationsApiModule {}
