/** The first value of a request header (Node gives repeated headers as an array). */
export const firstHeader = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** All values of a request header joined with commas (`a, b` lists such as scenario names). */
export const joinedHeader = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value.join(',') : value);

/** The path of a request URL, without its query (`/websocket?x=1` → `/websocket`). */
export const pathOf = (url = '/'): string => url.split('?', 1)[0];
