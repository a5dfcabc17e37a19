import { describe, expect, it } from "vitest";
import { ApiError, createApi, NetworkError, ServerError } from "./api.js";

function apiAnswering(answer: () => Response | Promise<Response>) {
  return createApi({
    baseUrl: "http://peerlink.test",
    fetch: async () => answer(),
    csrfToken: () => "csrf",
    locale: () => "vi",
  });
}

describe("what the app makes of the server's answers", () => {
  it("a 5xx is a server error with its status, told apart from no answer at all", async () => {
    const failing = apiAnswering(
      () =>
        new Response(JSON.stringify({ error: { code: "internal", message: "Lỗi máy chủ" } }), {
          status: 500,
        }),
    );
    const error = await failing.pull(0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 500, message: "Lỗi máy chủ" });

    const gateway = apiAnswering(() => new Response("<html>Bad gateway</html>", { status: 502 }));
    expect(await gateway.pull(0).catch((e: unknown) => e)).toMatchObject({ status: 502 });
  });

  it("no answer is a network error, not a server error", async () => {
    const cut = apiAnswering(() => Promise.reject(new TypeError("Failed to fetch")));
    const error = await cut.pull(0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).not.toBeInstanceOf(ServerError);
  });

  it("a refusal the server explains is an ApiError with its code and words", async () => {
    const refusing = apiAnswering(
      () =>
        new Response(
          JSON.stringify({
            error: { code: "forbidden", message: "Không có quyền", parameter: "" },
          }),
          { status: 403 },
        ),
    );
    expect(await refusing.pull(0).catch((e: unknown) => e)).toMatchObject({
      name: ApiError.name,
      status: 403,
      code: "forbidden",
      message: "Không có quyền",
    });
  });
});
