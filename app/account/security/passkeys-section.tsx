import { passkeysOf } from "@/lib/auth/passkeys/store";
import { hasTwoFactor } from "@/lib/auth/two-factor/store";
import { AddPasskeyForm, RemovePasskeyForm, RenamePasskeyForm } from "./passkey-forms";

const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

function Day({ value }: { value: Date }) {
  return <time dateTime={value.toISOString()}>{date.format(value)}</time>;
}

/** The Security page's passkeys: the list (rename and remove work without JavaScript), and adding one (which needs it). */
export async function PasskeysSection({ userId }: { userId: string }) {
  const [passkeys, twoFactor] = await Promise.all([passkeysOf(userId), hasTwoFactor(userId)]);
  return (
    <section className="card narrow-content" aria-labelledby="passkeys-title" id="passkeys">
      <h2 id="passkeys-title" className="mb-1">
        Passkeys
      </h2>
      <p className="mb-4 text-muted">
        A passkey logs you in with your fingerprint, face or device PIN instead of a password, and cannot be handed to a fake
        site. With two-factor login on, it also works in place of a code. Adding one needs a browser with JavaScript.
      </p>
      {passkeys.length > 0 ? (
        <ul className="session-list mb-4" aria-label="Your passkeys">
          {passkeys.map((passkey) => (
            <li key={passkey.id} data-testid="passkey">
              <div className="stack">
                <div>
                  <strong>{passkey.name}</strong> <span className="muted">· {passkey.kind}</span>
                  <br />
                  <span className="text-sm muted">
                    Added <Day value={passkey.createdAt} />,{" "}
                    {passkey.lastUsedAt ? (
                      <>
                        last used <Day value={passkey.lastUsedAt} />
                      </>
                    ) : (
                      "not used yet"
                    )}
                  </span>
                </div>
                <RenamePasskeyForm id={passkey.id} name={passkey.name} />
              </div>
              <RemovePasskeyForm id={passkey.id} name={passkey.name} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-4" data-testid="no-passkeys">
          You have no passkeys yet.
        </p>
      )}
      <AddPasskeyForm twoFactor={twoFactor} defaultName={passkeys.length === 0 ? "My passkey" : `Passkey ${passkeys.length + 1}`} />
    </section>
  );
}
