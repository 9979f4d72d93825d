import QRCode from "qrcode";
import { twoFactorStatus } from "@/lib/auth/two-factor/store";
import { totpUri } from "@/lib/auth/two-factor/totp";
import { BeginSetupForm, ConfirmSetupForm, NewRecoveryCodesForm, TurnOffForm } from "./two-factor-forms";

/** The secret in groups of four, as an app's "enter a key" field is easiest to type from. */
function grouped(secret: string): string {
  return secret.match(/.{1,4}/g)!.join(" ");
}

/** The Security page's two-factor part: off, being set up, or on. Works without JavaScript: the QR code is an SVG made here. */
export async function TwoFactorSection({ user }: { user: { id: string; email: string } }) {
  const status = await twoFactorStatus(user.id);
  const pending = status.pendingSecret;
  return (
    <section className="card narrow-content" aria-labelledby="two-factor-title" id="two-factor">
      <h2 id="two-factor-title" className="mb-1">
        Two-factor login
      </h2>
      <ConfirmSetupForm
        pending={
          pending && (
            <>
              <p>Scan this code with your authenticator app, or type the key below into it, then enter the code it shows.</p>
              <div
                role="img"
                aria-label="QR code to add Cookieshop to your authenticator app"
                className="w-48 bg-white p-2"
                // An SVG made on the server from our own otpauth:// address: no input of the visitor's is markup here.
                dangerouslySetInnerHTML={{ __html: await QRCode.toString(totpUri(pending, user.email), { type: "svg", margin: 1 }) }}
              />
              <p>
                Key: <code data-testid="two-factor-secret">{grouped(pending)}</code>
              </p>
            </>
          )
        }
      />
      {status.enabled ? (
        <div className="stack">
          <p>
            Two-factor login is <strong>on</strong>: logging in asks for your password and a code from your authenticator
            app. <span data-testid="recovery-codes-left">{status.recoveryCodesLeft}</span> of 10 recovery codes left.
          </p>
          <h3>New recovery codes</h3>
          <NewRecoveryCodesForm />
          <h3>Turn off</h3>
          <TurnOffForm />
        </div>
      ) : (
        !pending && (
          <div className="stack">
            <p className="text-muted">
              Two-factor login is off. With it on, logging in also asks for a code from an authenticator app on your phone, so
              a stolen password alone does not open your account.
            </p>
            <BeginSetupForm />
          </div>
        )
      )}
    </section>
  );
}
