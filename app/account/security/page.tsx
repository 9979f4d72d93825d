import type { Metadata } from "next";
import { Notice, type Notices } from "@/app/_components/notice";
import { ADDRESS_NOTICES, ResendConfirmation } from "@/app/_components/resend-confirmation";
import { SubmitButton } from "@/app/_components/submit-button";
import { signOutOtherDevices, signOutSession } from "@/lib/flows/account-actions";
import { recentAuthEvents } from "@/lib/auth/audit/trail";
import { requireSession } from "@/lib/auth/guard/dal";
import { NEW_PASSWORD_HINT } from "@/lib/auth/password/policy";
import { listActiveSessions } from "@/lib/auth/session/rows";
import { ChangeEmailForm } from "./change-email-form";
import { ChangePasswordForm } from "./change-password-form";
import { PasskeysSection } from "./passkeys-section";
import { TwoFactorSection } from "./two-factor-section";

export const metadata: Metadata = { title: "Security" };

const NOTICES: Notices = {
  "signed-out-one": { text: "That device has been signed out." },
  "signed-out-others": { text: "All your other devices have been signed out." },
  "password-reset": { text: "Your new password is saved. Every other device has been signed out." },
  "two-factor-scan": { text: "Now add Cookieshop to your authenticator app, and enter its code to turn two-factor login on." },
  "two-factor-off": { text: "Two-factor login is off." },
  "staff-need-two-factor": { text: "Staff accounts need two-factor login. Turn it on here to open the staff pages.", problem: true },
  ...ADDRESS_NOTICES,
};

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function When({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{dateTime.format(date)} UTC</time>;
}

type Props = { searchParams: Promise<{ notice?: string | string[] }> };

export default async function SecurityPage({ searchParams }: Props) {
  const { user, sessionId } = await requireSession("/account/security");
  const [sessions, events] = await Promise.all([listActiveSessions(user.id), recentAuthEvents(user.id)]);
  const { notice } = await searchParams;

  return (
    <div className="mx-auto max-w-3xl">
      <h1>Security</h1>
      <Notice code={notice} notices={NOTICES} />
      <div className="stack">
        <section className="card" aria-labelledby="sessions-title">
          <h2 id="sessions-title" className="mb-4">
            Where you are logged in
          </h2>
          <ul className="session-list">
            {sessions.map((session) => (
              <li key={session.id} data-testid="session">
                <div>
                  <strong>{session.device}</strong>
                  {session.ip && <span className="muted"> · {session.ip}</span>}
                  <br />
                  <span className="text-sm muted">
                    Logged in <When date={session.createdAt} />, last active <When date={session.lastSeenAt} />
                  </span>
                </div>
                {session.id === sessionId ? (
                  <span className="badge">This device</span>
                ) : (
                  <form action={signOutSession}>
                    <input type="hidden" name="sessionId" value={session.id} />
                    <SubmitButton className="button-quiet" pendingText="Signing out…">
                      Sign out
                    </SubmitButton>
                  </form>
                )}
              </li>
            ))}
          </ul>
          {sessions.length > 1 && (
            <form action={signOutOtherDevices} className="mt-2">
              <SubmitButton pendingText="Signing out…">Sign out all other devices</SubmitButton>
            </form>
          )}
        </section>
        <section className="card narrow-content" aria-labelledby="email-title">
          <h2 id="email-title" className="mb-1">
            Email address
          </h2>
          <p className="mb-2">
            You log in with <strong className="wrap-anywhere">{user.email}</strong>{" "}
            {user.emailVerified ? (
              <span className="badge">Confirmed</span>
            ) : (
              <span className="badge" data-testid="unconfirmed">
                Not confirmed yet
              </span>
            )}
          </p>
          {!user.emailVerified && (
            <div className="mb-5 stack">
              <p className="text-muted">We sent you a link when you signed up. You need to confirm your address before you can order.</p>
              <ResendConfirmation from="/account/security" />
            </div>
          )}
          <p className="mb-5 text-muted">
            To move your account to another address, we send a link there; your address changes when you open it.
          </p>
          <ChangeEmailForm />
        </section>
        <section className="card narrow-content" aria-labelledby="password-title">
          <h2 id="password-title" className="mb-1">
            Change password
          </h2>
          <p className="mb-5 text-muted">Changing your password signs you out on every other device.</p>
          <ChangePasswordForm passwordHint={NEW_PASSWORD_HINT} />
        </section>
        <TwoFactorSection user={user} />
        <PasskeysSection userId={user.id} />
        <section className="card" aria-labelledby="activity-title">
          <h2 id="activity-title" className="mb-1">
            Recent activity
          </h2>
          <p className="mb-4 text-muted">
            Logins, failed logins, wrong current passwords, sign-outs and password changes, newest first. Something you do not recognise? Change your password.
          </p>
          <ul className="session-list">
            {events.map((event) => (
              <li key={event.id} data-testid="auth-event" data-type={event.type}>
                <div>
                  <strong>{event.label}</strong>
                  {event.detail && <span> · {event.detail}</span>}
                  <br />
                  <span className="text-sm muted">
                    <When date={event.createdAt} /> · {event.device}
                    {event.ip && <> · {event.ip}</>}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
