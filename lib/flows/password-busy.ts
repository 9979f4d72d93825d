import type { FormState } from "../http/forms";
import { PasswordWorkBusy } from "../auth/password/hashing";

/**
 * What a person or a client hears when the password threads hold more waiting work than
 * their bound (lib/auth/password/threads.ts): nothing was checked or changed.
 */
export const PASSWORD_WORK_BUSY = "The site is busy right now. Please try again in a moment.";

/**
 * A form action that checks or hashes a password, answering PASSWORD_WORK_BUSY on its form
 * instead of failing when the threads are busy. Everything else it throws (redirects among
 * them) goes on as thrown.
 */
export function busyAware<Args extends unknown[], State extends FormState>(action: (...args: Args) => Promise<State>) {
  return async (...args: Args): Promise<State> => {
    try {
      return await action(...args);
    } catch (error) {
      if (error instanceof PasswordWorkBusy) return { message: PASSWORD_WORK_BUSY } as State;
      throw error;
    }
  };
}
