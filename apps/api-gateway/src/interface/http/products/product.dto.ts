import { createZodDto } from 'nestjs-zod';
import { catalogProductSchema } from '../../../application/list-products/catalog-product.js';

export class ProductDto extends createZodDto(catalogProductSchema) {}
