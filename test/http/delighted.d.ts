// The parts of Delighted's official Node client (npm `delighted`, untyped) the tests drive.
declare module 'delighted' {
  type Params = Record<string, unknown>;
  interface Thenable<T> extends PromiseLike<T> {
    catch(onRejected: (err: { type: string; message: string }) => unknown): PromiseLike<unknown>;
  }
  interface Client {
    person: { create(p: Params): Thenable<Record<string, unknown>>; list(p?: Params): { autoPagingEach(fn: (p: Record<string, unknown>) => unknown, o?: Params): Thenable<void> } };
    surveyRequest: { deletePending(p: { person_email: string }): Thenable<{ ok: boolean }> };
    surveyResponse: { create(p: Params): Thenable<Record<string, unknown>>; all(p?: Params): Thenable<Record<string, unknown>[]> };
    metrics: { retrieve(p?: Params): Thenable<Record<string, unknown>> };
    unsubscribe: { create(p: { person_email: string }): Thenable<{ ok: boolean }>; all(p?: Params): Thenable<Record<string, unknown>[]> };
    bounce: { all(p?: Params): Thenable<Record<string, unknown>[]> };
    autopilotConfiguration: { retrieve(platform: string): Thenable<Record<string, unknown>> };
    autopilotMembership: {
      forEmail(): {
        create(p: Params): Thenable<Record<string, unknown>>;
        delete(p: Params): Thenable<Record<string, unknown>>;
        list(p?: Params): { autoPagingEach(fn: (p: Record<string, unknown>) => unknown, o?: Params): Thenable<void> };
      };
    };
  }
  export default function delighted(key: string, options?: { host?: string; port?: number; scheme?: string; base?: string }): Client;
}
