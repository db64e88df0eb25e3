import { createZodDto } from 'nestjs-zod';
import { catalogProductSchema } from '../../../application/list-products/catalog-product';

export class ProductDto extends createZodDto(catalogProductSchema) {}
