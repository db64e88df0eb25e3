import { BadRequestException, type PipeTransform, type Type } from '@nestjs/common';
import { createZodValidationPipe } from 'nestjs-zod';
import { describeValidationIssues } from './validation-messages.js';

/** Validates every body, query and path DTO made with createZodDto; a failure is a 400 naming each invalid field. */
export const RequestValidationPipe: Type<PipeTransform> = createZodValidationPipe({
  createValidationException: (error) => new BadRequestException(describeValidationIssues(error)),
});
