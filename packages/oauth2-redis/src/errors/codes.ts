/** The stable `code` of each error this package throws (the contract; class names are for instanceof). */
export const TOKEN_STORE_UNAVAILABLE = 'ERR_TOKEN_STORE_UNAVAILABLE'
export const TOKEN_STORE_DECRYPT = 'ERR_TOKEN_STORE_DECRYPT'
export const TOKEN_STORE_TIMEOUT = 'ERR_TOKEN_STORE_TIMEOUT'
