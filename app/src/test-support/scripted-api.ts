// An Api that answers from a script of recorded server answers, and remembers what was sent: for
// testing the outbox state machine step by step. (The engine is also tested against the real
// server: real-server.test.ts.)
import type { PullResponse, PushResponse, TPushRequest } from "../../../src/sync/protocol.js";
import type { Reference } from "../db/meta.js";
import type { Api } from "../sync/api.js";

type Answer<T> = T | Error | ((request: TPushRequest) => T | Error);

export interface ScriptedApi extends Api {
  pushes: TPushRequest[];
  pulls: number[];
  answerPush(...answers: Answer<PushResponse>[]): void;
  answerPull(...answers: (PullResponse | Error)[]): void;
}

export const emptyReference: Reference = { sites: [], staff: [], projects: [] };

/** The answer a server gives when it applies every change of the request. */
export function applyAll(firstVersion = 100) {
  return (request: TPushRequest): PushResponse => ({
    results: request.changes.map((change, index) => ({
      id: change.id,
      status: "applied",
      version: firstVersion + index,
    })),
  });
}

export function scriptedApi(): ScriptedApi {
  const pushAnswers: Answer<PushResponse>[] = [];
  const pullAnswers: (PullResponse | Error)[] = [];
  const api: ScriptedApi = {
    pushes: [],
    pulls: [],
    answerPush: (...answers) => pushAnswers.push(...answers),
    answerPull: (...answers) => pullAnswers.push(...answers),
    login: () => Promise.reject(new Error("not scripted")),
    me: () => Promise.reject(new Error("not scripted")),
    logout: () => Promise.resolve(),
    reference: () => Promise.resolve(emptyReference),
    uicCheck: () => Promise.reject(new Error("not scripted")),
    users: () => Promise.reject(new Error("not scripted")),
    createUser: () => Promise.reject(new Error("not scripted")),
    updateUser: () => Promise.reject(new Error("not scripted")),
    throttles: () => Promise.reject(new Error("not scripted")),
    liftThrottle: () => Promise.reject(new Error("not scripted")),
    audit: () => Promise.reject(new Error("not scripted")),
    content: new Proxy({} as Api["content"], {
      get: () => () => Promise.reject(new Error("not scripted")),
    }),
    newsletter: new Proxy({} as Api["newsletter"], {
      get: () => () => Promise.reject(new Error("not scripted")),
    }),
    async push(request) {
      api.pushes.push(structuredClone(request));
      const next = pushAnswers.shift();
      if (!next) throw new Error("no push answer scripted");
      const answer = typeof next === "function" ? next(request) : next;
      if (answer instanceof Error) throw answer;
      return answer;
    },
    async pull(cursor) {
      api.pulls.push(cursor);
      const next = pullAnswers.shift() ?? { changes: [], cursor, more: false };
      if (next instanceof Error) throw next;
      return next;
    },
  };
  return api;
}
