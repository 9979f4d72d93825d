"use client";

import { useEffect, useState } from "react";

type Props = {
  id: string;
  autoComplete: "current-password" | "new-password";
  describedBy?: string;
  invalid?: boolean;
};

/**
 * A password input with a show/hide toggle (NIST SP 800-63B 3.1.1.2 recommends offering one).
 * Pasting is allowed. The toggle needs JavaScript, so it stays hidden until the page hydrates.
 * The value is never given back by the server: after an error the field starts empty.
 */
export function PasswordInput({ id, autoComplete, describedBy, invalid }: Props) {
  const [visible, setVisible] = useState(false);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  return (
    <div className="password-input">
      <input
        id={id}
        name={id}
        type={visible ? "text" : "password"}
        autoComplete={autoComplete}
        autoCapitalize="off"
        spellCheck={false}
        required
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
      />
      <button
        type="button"
        className="button-quiet"
        hidden={!hydrated}
        aria-controls={id}
        aria-pressed={visible}
        onClick={() => setVisible((shown) => !shown)}
      >
        {visible ? "Hide" : "Show"}
        <span className="visually-hidden"> password</span>
      </button>
    </div>
  );
}
