// The browser test runner provides mocha's BDD globals; the project has no @types/mocha.
interface MochaContext {
  timeout(ms: number): void;
  skip(): never;
}
declare function describe(title: string, body: (this: MochaContext) => void): void;
declare function it(title: string, body: (this: MochaContext) => void | Promise<void>): void;
declare function before(body: (this: MochaContext) => void | Promise<void>): void;
declare function after(body: (this: MochaContext) => void | Promise<void>): void;
declare function beforeEach(body: (this: MochaContext) => void | Promise<void>): void;
declare function afterEach(body: (this: MochaContext) => void | Promise<void>): void;
