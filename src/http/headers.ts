/** The first value of a request header (Node gives repeated headers as an array). */
export const firstHeader = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** All values of a request header joined with commas (`a, b` lists such as scenario names). */
export const joinedHeader = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value.join(',') : value);
