// Errors the engine raises to the user. Messages name what is wrong and where.
export class TradeloomError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** An algorithm called the API wrongly (unknown symbol, bad argument, call at the wrong time). */
export class AlgorithmUsageError extends TradeloomError {}

/** An algorithm could not be loaded (file missing, no default export, not a QCAlgorithm). */
export class AlgorithmLoadError extends TradeloomError {}
