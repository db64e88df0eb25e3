/** Who a customer is, as far as telling them something goes. */
export interface Recipient {
  userId: string;
  email: string;
  name: string;
}

/** The customer's contact details, owned by user-service. */
export abstract class RecipientDirectory {
  /** Null when no such customer exists; throws when the directory cannot answer right now. */
  abstract find(userId: string): Promise<Recipient | null>;
}
