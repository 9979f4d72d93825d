/** A message as the app writes it: one recipient, a plain-text body and its HTML twin. */
export type MailMessage = { to: string; subject: string; text: string; html: string };
