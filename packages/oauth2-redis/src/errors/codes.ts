/** The stable `code` of each error this package throws (the contract; class names are for instanceof). */
export const TOKEN_STORE_UNAVAILABLE = 'ERR_TOKEN_STORE_UNAVAILABLE'
/** `code` of {@link TokenDecryptError}: a stored value could not be decrypted or read as a token. */
export const TOKEN_STORE_DECRYPT = 'ERR_TOKEN_STORE_DECRYPT'
/** `code` of {@link TokenStoreTimeoutError}: a renewal waited longer than `waitTimeout` for a lease. */
export const TOKEN_STORE_TIMEOUT = 'ERR_TOKEN_STORE_TIMEOUT'
