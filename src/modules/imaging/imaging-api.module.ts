// GraphQL for imaging objects: upload (request, finalise), download, Patient.images.
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { PatientsModule } from '../patients/patients.module.js';
import { ImagingModule } from './imaging.module.js';
import { ImagingResolver, PatientImagesResolver } from './imaging.resolver.js';

@Module({ imports: [ImagingModule, PatientsModule, AuthModule], providers: [ImagingResolver, PatientImagesResolver] })
export class ImagingApiModule {}
