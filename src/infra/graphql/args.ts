// Drop-in for @nestjs/graphql's `Args` that also works where no decorator type metadata is
// emitted (tsx, Vitest: esbuild). Nest's Args indexes `design:paramtypes` of the method and
// fails when it is absent, even with an explicit `type`; we give it an empty list, so the
// explicit `type` always decides. Import Args from here, and always pass `type`.
import { Args as NestArgs, type ArgsOptions } from '@nestjs/graphql';
import type { PipeTransform, Type } from '@nestjs/common';

type ArgsTypeFn = NonNullable<ArgsOptions['type']>;

export function Args(property: string, options: ArgsOptions & { type: ArgsTypeFn }, ...pipes: (Type<PipeTransform> | PipeTransform)[]): ParameterDecorator;
export function Args(options: ArgsOptions & { type: ArgsTypeFn }, ...pipes: (Type<PipeTransform> | PipeTransform)[]): ParameterDecorator;
export function Args(
  first: string | (ArgsOptions & { type: ArgsTypeFn }),
  second?: (ArgsOptions & { type: ArgsTypeFn }) | Type<PipeTransform> | PipeTransform,
  ...pipes: (Type<PipeTransform> | PipeTransform)[]
): ParameterDecorator {
  const decorate =
    typeof first === 'string'
      ? NestArgs(first, second as ArgsOptions, ...pipes)
      : NestArgs(first, ...(second ? [second as PipeTransform] : []), ...pipes);
  return (target, key, index) => {
    if (key !== undefined && !Reflect.hasOwnMetadata('design:paramtypes', target, key)) {
      Reflect.defineMetadata('design:paramtypes', [], target, key);
    }
    decorate(target, key, index);
  };
}
