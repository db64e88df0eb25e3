// Every spelling of a new service's name that the generated files need, derived from one input
// (`shipping`, `gift-card` or `gift-card-service`), so no two files can disagree about it.

const BASE_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

const words = (base) => base.split('-');
const capitalized = (word) => word[0].toUpperCase() + word.slice(1);

/**
 * `gift-card` → appName `gift-card-service`, pascal `GiftCard`, camel `giftCard`, constant
 * `GIFT_CARD`, snake `gift_card` (the proto package's segment), and so on.
 */
export function serviceNames(input) {
  const base = String(input ?? '').trim().replace(/-service$/, '');
  if (!BASE_NAME.test(base)) {
    throw new Error(`"${input}" is not a service name: use lower-case letters and digits, words joined by "-" (for example shipping or gift-card)`);
  }
  const pascal = words(base).map(capitalized).join('');
  const camel = pascal[0].toLowerCase() + pascal.slice(1);
  const constant = words(base).join('_').toUpperCase();
  const snake = words(base).join('_');
  const appName = `${base}-service`;
  return {
    base,
    appName,
    pascal,
    camel,
    constant,
    snake,
    /** The project's package name. */
    packageName: `@shop/${appName}`,
    /** Variables of its ports in the topology: `GIFT_CARD_SERVICE_PORT`, `GIFT_CARD_SERVICE_GRPC_PORT`. */
    portVariable: `${constant}_SERVICE_PORT`,
    grpcPortVariable: `${constant}_SERVICE_GRPC_PORT`,
    /** Its database and role on PostgreSQL, and its MongoDB database. */
    database: `${snake}_service`,
    /** Its gRPC contract: key in GRPC_SERVICES, proto package and file, generated namespace. */
    grpcKey: camel,
    protoPackage: `shop.${snake}.v1`,
    protoFile: `shop/${snake}/v1/${snake}.proto`,
    grpcNamespace: `${camel}V1`,
    /** The one aggregate a new service starts with: a task per confirmed order. */
    task: { pascal: `${pascal}Task`, camel: `${camel}Task`, kebab: `${base}-task` },
    /** Its events topic and the event a new task announces. */
    eventsTopic: `${base}.events.v1`,
    eventsTopicKey: `${camel}Events`,
    openedEventType: `${base}.${pascal}TaskOpened`,
  };
}
