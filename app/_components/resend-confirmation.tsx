import { SubmitButton } from "@/app/_components/submit-button";
import { resendConfirmation } from "@/lib/flows/account-actions";

/** "Send the link again", for an account whose address is not confirmed yet; comes back to `from`. */
export function ResendConfirmation({ from }: { from: "/checkout" | "/account/security" }) {
  return (
    <form action={resendConfirmation}>
      <input type="hidden" name="from" value={from} />
      <SubmitButton className="button-quiet" pendingText="Sending…">
        Send the link again
      </SubmitButton>
    </form>
  );
}

/** What a signed-in visitor is told about an unconfirmed address, with the button. */
export const ADDRESS_NOTICES = {
  "link-sent": { text: "We have sent a new confirmation link. It works for 24 hours." },
  "already-confirmed": { text: "Your email address is already confirmed." },
  "too-many-mails": { text: "We have sent several links already. Please check your inbox, or try again in an hour.", problem: true },
};
