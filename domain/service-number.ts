/**
 * An officer's service number, printed on documents in place of her name (victim-copy.md): the
 * same rule in main (the contract) and on the accounts screen.
 */
export const SERVICE_NUMBER_MAX_LENGTH = 40;
/** Letters, digits, spaces and . / - only: it is printed as it is typed. */
export const SERVICE_NUMBER_PATTERN = /^[\p{L}\p{N} ./-]*$/u;
