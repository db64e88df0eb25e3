import { Controller, UseInterceptors } from '@nestjs/common';
import { inventoryV1 } from '@shop/contracts';
import { GetPricesQuery } from '../../application/get-prices/get-prices.query.js';
import { GetProductsQuery } from '../../application/get-products/get-products.query.js';
import { ListProductsQuery } from '../../application/list-products/list-products.query.js';
import { SetProductStockHandler } from '../../application/set-product-stock/set-product-stock.handler.js';
import { parseRequest } from '@shop/errors';
import { GrpcErrorsInterceptor } from '@shop/errors/grpc';
import { getPricesRequestSchema, getProductsRequestSchema, setProductStockRequestSchema } from './inventory-requests.js';

/** shop.inventory.v1.InventoryService: the catalog for the gateway, prices for the order service, and restocking for operators. */
@Controller()
@UseInterceptors(new GrpcErrorsInterceptor({ service: 'INVENTORY' }))
@inventoryV1.InventoryServiceControllerMethods()
export class InventoryGrpcController implements inventoryV1.InventoryServiceController {
  constructor(
    private readonly listProductsQuery: ListProductsQuery,
    private readonly getProductsQuery: GetProductsQuery,
    private readonly getPricesQuery: GetPricesQuery,
    private readonly setProductStockHandler: SetProductStockHandler,
  ) {}

  async listProducts(): Promise<inventoryV1.ListProductsResponse> {
    return { products: await this.listProductsQuery.execute() };
  }

  async getProducts(request: inventoryV1.GetProductsRequest): Promise<inventoryV1.GetProductsResponse> {
    const { skus } = parseRequest(getProductsRequestSchema, request);
    return this.getProductsQuery.execute(skus);
  }

  async getPrices(request: inventoryV1.GetPricesRequest): Promise<inventoryV1.GetPricesResponse> {
    const { skus } = parseRequest(getPricesRequestSchema, request);
    return this.getPricesQuery.execute(skus);
  }

  async setProductStock(request: inventoryV1.SetProductStockRequest): Promise<inventoryV1.SetProductStockResponse> {
    const product = parseRequest(setProductStockRequestSchema, request);
    return { product: await this.setProductStockHandler.execute(product) };
  }
}
