import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType('Site', { description: 'A hospital or centre contributing patients to a project.' })
export class SiteModel {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  projectId: string;
}

@InputType()
export class AddSiteInput {
  @Field(() => ID)
  projectId: string;

  @Field(() => String)
  name: string;
}

@ObjectType()
export class SitePayload {
  @Field(() => SiteModel)
  site: SiteModel;
}
