import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { ErrorBodyDto } from './error-body.js';

// `.Output` makes a new class on each access; two classes of one name break cleanupOpenApiDoc.
const ErrorBodyOutput = ErrorBodyDto.Output;

/** Documents the error statuses a route can answer, each with the standard error body. */
export function ApiErrorResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: STATUS_CODES[status], type: ErrorBodyOutput })));
}
