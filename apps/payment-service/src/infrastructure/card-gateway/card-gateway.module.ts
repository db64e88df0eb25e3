import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { ResilienceModule } from '@shop/resilience';
import { CardGateway } from '../../application/ports/card-gateway.js';
import type { Config } from '../../config.js';
import { CardGatewaySimulator } from './card-gateway.simulator.js';
import { paymentGatewayPolicies } from './payment-gateway.policy.js';
import { ResilientCardGateway } from './resilient-card-gateway.js';

/** The simulated card gateway and its resilience policy; provides the `CardGateway` port. */
@Module({
  imports: [ResilienceModule.forRootAsync({ inject: [SERVICE_CONFIG], useFactory: paymentGatewayPolicies })],
  providers: [
    { provide: CardGatewaySimulator, inject: [SERVICE_CONFIG], useFactory: (config: Config) => new CardGatewaySimulator(config.CARD_GATEWAY_SLOW_MS) },
    { provide: CardGateway, useClass: ResilientCardGateway },
  ],
  exports: [CardGateway, CardGatewaySimulator],
})
export class CardGatewayModule {}
