/** Ascending order of two numbers, for sorts that then break ties by id. */
export const cmp = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0);
