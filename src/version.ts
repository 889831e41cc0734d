import pkg from '../package.json' with { type: 'json' };

/** The action's version, as package.json says. */
export const VERSION: string = pkg.version;
