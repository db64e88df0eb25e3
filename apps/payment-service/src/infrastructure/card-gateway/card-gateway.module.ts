import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { ResilienceModule } from '@shop/resilience';
import { CardGateway } from '../../application/ports/card-gateway.js';
import type { Config } from '../../config.js';
import { DatabaseModule } from '../database.module.js';
import { CardGatewayRecords } from './card-gateway-records.js';
import { CardGatewaySimulator } from './card-gateway.simulator.js';
import { paymentGatewayPolicies } from './payment-gateway.policy.js';
import { PgCardGatewayRecords } from './pg-card-gateway-records.js';
import { ResilientCardGateway } from './resilient-card-gateway.js';

/**
 * The simulated card gateway (its records in this service's PostgreSQL, standing for the
 * gateway's own database) and its resilience policy; provides the `CardGateway` port.
 */
@Module({
  imports: [DatabaseModule, ResilienceModule.forRootAsync({ inject: [SERVICE_CONFIG], useFactory: paymentGatewayPolicies })],
  providers: [
    { provide: CardGatewayRecords, useClass: PgCardGatewayRecords },
    {
      provide: CardGatewaySimulator,
      inject: [SERVICE_CONFIG, CardGatewayRecords],
      useFactory: (config: Config, records: CardGatewayRecords) => new CardGatewaySimulator(config.CARD_GATEWAY_SLOW_MS, records),
    },
    { provide: CardGateway, useClass: ResilientCardGateway },
  ],
  exports: [CardGateway, CardGatewaySimulator],
})
export class CardGatewayModule {}
