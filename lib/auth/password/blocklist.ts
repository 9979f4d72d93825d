import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * The blocklist for new passwords (NIST SP 800-63B section 3.1.1.2): passwords from breach
 * corpora, repetitive or sequential characters, and words from the context (the shop's name,
 * the user's email). Server side only: the list is about 49,000 entries and must never be
 * imported by a client component. No network access: the list ships in node_modules.
 */

export const COMMON_PASSWORD_SOURCE =
  "@zxcvbn-ts/language-common (MIT), its passwords-common list: the most frequent passwords in Mark Burnett's public set of ten million leaked passwords";

// zxcvbn leaves out of this list what its own pattern matchers catch (repeats, sequences,
// dates), which is why the rules below add repetition and sequence checks.
const COMMON_PASSWORD_LIST = dictionary["passwords-common"];
export const COMMON_PASSWORD_COUNT = COMMON_PASSWORD_LIST.length;

/** A core shorter than this is not checked: in "dog" plus nine digits, the digits carry the strength. */
export const MIN_CORE_LENGTH = 4;
/**
 * A password made of copies of one piece is only as strong as the piece, so the piece must
 * itself be as long as the policy's minimum (MIN_PASSWORD_LENGTH in password.ts).
 */
export const MIN_REPEATED_PIECE_LENGTH = 12;
/** An email's name part shorter than this ("al", "bob") is too likely to occur by chance. */
export const MIN_EMAIL_NAME_LENGTH = 4;
/** The context-specific words 800-63B asks us to refuse: the service's own name. */
export const SERVICE_NAME_WORDS = ["cookie", "shop"];

const SEQUENCE_ALPHABETS = ["0123456789", "abcdefghijklmnopqrstuvwxyz"];

const CHOOSE_ANOTHER = "Choose something less predictable.";
export const COMMON_PASSWORD_MESSAGES = {
  listed: `This password is on a list of common passwords that attackers try first. ${CHOOSE_ANOTHER}`,
  listedWithAffixes: `This password is a common password with numbers or symbols added, which attackers try early. ${CHOOSE_ANOTHER}`,
  repeated: `This password repeats a short piece, so it is only as strong as that piece. ${CHOOSE_ANOTHER}`,
  sequence: `This password is a simple sequence, like 123456 or abcdef, which attackers try early. ${CHOOSE_ANOTHER}`,
  serviceName: `This password contains the shop's name, which attackers try first here. ${CHOOSE_ANOTHER}`,
  email: `This password contains your email address or its name part, which attackers try first. ${CHOOSE_ANOTHER}`,
} as const;

/** What we know about the account a new password is for. */
export type PasswordContext = { email?: string };

/** The same NFKC as normalizePassword in password.ts, then case folded for comparison. */
function comparable(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/**
 * The words in order, joined directly or by spaces, punctuation or symbols: ["cookie", "shop"]
 * finds "cookieshop", "Cookie Shop" and "cookie-shop", but not "cookies hop". The words must
 * be letters and digits only, which need no escaping.
 */
function wordsPattern(words: string[]): RegExp {
  return new RegExp(words.join("[\\s\\p{P}\\p{S}]*"), "u");
}

const SERVICE_NAME = wordsPattern(SERVICE_NAME_WORDS);

let commonPasswords: Set<string> | undefined;

/** Built on first use, once per process. */
function isListed(text: string): boolean {
  commonPasswords ??= new Set(COMMON_PASSWORD_LIST.map(comparable));
  return commonPasswords.has(text);
}

const SYMBOL_ENDS = /^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu;
const DIGIT_AND_SYMBOL_ENDS = /^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu;

/**
 * What is left without the ends people add to meet old composition rules:
 * "password1234!" -> "password1234" and "password"; "123456789012!" -> "123456789012".
 */
function cores(text: string): string[] {
  const stripped = new Set([text.replace(SYMBOL_ENDS, ""), text.replace(DIGIT_AND_SYMBOL_ENDS, "")]);
  return [...stripped].filter((core) => core !== text && Array.from(core).length >= MIN_CORE_LENGTH);
}

/** "abcabcab" -> "abc"; text that does not repeat is its own piece. Counts code points. */
function repeatingPiece(text: string): string {
  const chars = Array.from(text);
  for (let size = 1; size <= chars.length / 2; size++) {
    if (chars.every((char, i) => i < size || char === chars[i - size])) return chars.slice(0, size).join("");
  }
  return text;
}

function isWeakRepetition(text: string): boolean {
  const piece = repeatingPiece(text);
  return piece !== text && (Array.from(piece).length < MIN_REPEATED_PIECE_LENGTH || isListed(piece));
}

/** Steps of +1 or -1 through digits or letters, wrapping around: "7890123", "cbazyx". */
function isSequence(text: string): boolean {
  return SEQUENCE_ALPHABETS.some((alphabet) => {
    const positions = Array.from(text, (char) => alphabet.indexOf(char));
    if (positions.length < 2 || positions.includes(-1)) return false;
    const steps = new Set(
      positions.slice(1).map((position, i) => (position - (positions[i] ?? 0) + alphabet.length) % alphabet.length),
    );
    return steps.size === 1 && (steps.has(1) || steps.has(alphabet.length - 1));
  });
}

function containsServiceName(text: string): boolean {
  return SERVICE_NAME.test(text);
}

/** The whole address, or its name part ("ann.smith" also as "AnnSmith" or "ann smith"). */
function containsEmail(text: string, email: string | undefined): boolean {
  const address = comparable(email?.trim() ?? "");
  const at = address.lastIndexOf("@");
  if (at < 1) return false;
  if (text.includes(address)) return true;
  const nameWords = address.slice(0, at).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return Array.from(nameWords.join("")).length >= MIN_EMAIL_NAME_LENGTH && wordsPattern(nameWords).test(text);
}

/**
 * Why a new password is too easy to guess, or null. Compares the NFKC-normalized, lower-cased
 * password; the list, repetition and sequence rules also look at its cores (see cores()), so
 * "aaaaaaaaaaaa!" fares no better than "aaaaaaaaaaaa".
 */
export function commonPasswordProblem(password: string, context: PasswordContext = {}): string | null {
  const text = comparable(password);
  const forms = [text, ...cores(text)];

  if (isListed(text)) return COMMON_PASSWORD_MESSAGES.listed;
  if (forms.some(isListed)) return COMMON_PASSWORD_MESSAGES.listedWithAffixes;
  if (forms.some(isWeakRepetition)) return COMMON_PASSWORD_MESSAGES.repeated;
  if (forms.some(isSequence)) return COMMON_PASSWORD_MESSAGES.sequence;
  if (containsServiceName(text)) return COMMON_PASSWORD_MESSAGES.serviceName;
  if (containsEmail(text, context.email)) return COMMON_PASSWORD_MESSAGES.email;
  return null;
}
