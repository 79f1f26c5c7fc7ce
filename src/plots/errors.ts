// Bad figure input (empty series, mismatched lengths, non-finite values where a number is needed)
// throws this, with a message naming the figure and the field.
export class PlotInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlotInputError';
  }
}
