/** This service as a Kafka consumer group, and the inbox's name for the messages it handled. */
export const PAYMENT_CONSUMER_GROUP = 'payment-service';
