/** A query string or path the pages cannot read: answered with the 400 page, naming the problem. */
export class BadRequest extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadRequest';
  }
}
