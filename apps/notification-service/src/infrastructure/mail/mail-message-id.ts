/**
 * The Message-ID of a notification's email, derived from the notification: should an email be sent
 * again (a crash between the mail server accepting it and the notification being marked SENT), the
 * copy carries the same id, which mail systems recognise as a duplicate.
 */
export function mailMessageIdOf(notificationId: string, mailFrom: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'shop.local';
  return `<${notificationId}@${domain}>`;
}
