import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ZodResponse } from 'nestjs-zod';
import { ListProductsQuery } from '../../../application/list-products/list-products.query.js';
import { ApiErrorResponses } from '../errors/api-error-responses.js';
import { ProductDto } from './product.dto.js';

/** RFC 7234's warning for a response served from cache because the origin could not be reached. */
export const STALE_RESPONSE_HEADERS = { Warning: '110 - "Response is Stale"', 'X-Cache': 'STALE' } as const;

@ApiTags('products')
@Controller('products')
@UseGuards(ThrottlerGuard)
export class ProductsController {
  constructor(private readonly listProducts: ListProductsQuery) {}

  @Get()
  @ApiOperation({ summary: 'The catalog', description: 'While inventory is down: the last list it returned, with the headers `X-Cache: STALE` and `Warning: 110 - "Response is Stale"`.' })
  @ZodResponse({ status: 200, type: [ProductDto] })
  @ApiErrorResponses(429, 503)
  async list(@Res({ passthrough: true }) response: { setHeader(name: string, value: string): void }) {
    const { products, stale } = await this.listProducts.execute();
    if (stale) for (const [name, value] of Object.entries(STALE_RESPONSE_HEADERS)) response.setHeader(name, value);
    return products;
  }
}
